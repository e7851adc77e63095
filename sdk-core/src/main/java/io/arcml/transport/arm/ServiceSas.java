package io.arcml.transport.arm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A service shared access signature for one blob container, signed with the storage account's key
 * as the Blob service defines it (service SAS, version 2020-12-06 and later): read, create and write
 * on the container's blobs, over https, for a limited time. The account key itself never leaves
 * this machine; only the signature does.
 */
final class ServiceSas {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final String PERMISSIONS = "rcw";

    private ServiceSas() {}

    /**
     * The SAS query (without {@code ?}) for {@code container} of {@code account}, valid until {@code expiry}.
     *
     * @param accountKey the account key, base64 as Azure gives it
     */
    static String forContainer(String account, String container, String accountKey, OffsetDateTime expiry) {
        String se = ISO.format(expiry.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        String version = BlobWriter.SERVICE_VERSION;
        String toSign = String.join(
                "\n",
                PERMISSIONS, // sp
                "", // st
                se,
                "/blob/" + account + "/" + container,
                "", // si
                "", // sip
                "https", // spr
                version, // sv
                "c", // sr
                "", // snapshot time
                "", // ses
                "", // rscc
                "", // rscd
                "", // rsce
                "", // rscl
                ""); // rsct
        return "sv=" + version + "&sr=c&sp=" + PERMISSIONS + "&se=" + encode(se) + "&spr=https&sig="
                + encode(sign(accountKey, toSign));
    }

    private static String sign(String accountKey, String toSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(accountKey), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The key is a secret: its text is not part of the message.
            throw new IllegalStateException("The datastore's account key is not a base64 HMAC key", null);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
