package io.arcml.transport.arm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name and version under which the Azure ML CLI (azure-ai-ml's {@code Environment
 * ._generate_anonymous_name_version}) registers an environment a job writes inline, so that arcml
 * and the CLI register the same content once: the name {@value #NAME}, the version a SHA-256 of
 * what the environment holds.
 *
 * <p>The CLI chains the SHA-256 hex digests of the parts with Python's {@code str.join}, which
 * puts the digest so far between the characters of the next one; the version is the SHA-256 hex
 * digest of the result. For an image: its digest, then (with a conda file) joined with the
 * conda file's. For a build context: the digest of the context's {@link LocalUpload#objectHash()},
 * then (with a Dockerfile path given) joined with the path's.
 */
final class AnonymousEnvironment {
    /** The name the CLI registers every inline environment under. */
    static final String NAME = "CliV2AnonymousEnvironment";

    private AnonymousEnvironment() {}

    /** The version of an environment of {@code image} and, when not {@code null}, the conda file {@code condaFile}. */
    static String imageVersion(String image, String condaFile) {
        String chain = sha256(image);
        if (condaFile != null) {
            chain = join(chain, sha256(condaFile));
        }
        return sha256(chain);
    }

    /**
     * The version of an environment built from a context named by {@code context} (a local
     * context's object hash) with the Dockerfile at {@code dockerfilePath}, {@code null} when the
     * job left the path to Azure ML's default.
     */
    static String buildVersion(String context, String dockerfilePath) {
        String chain = sha256(context);
        if (dockerfilePath != null) {
            chain = join(chain, sha256(dockerfilePath));
        }
        return sha256(chain);
    }

    /** Python's {@code separator.join(text)}: the characters of {@code text} with {@code separator} between them. */
    private static String join(String separator, String text) {
        StringBuilder joined = new StringBuilder(text.length() * (separator.length() + 1));
        for (int i = 0; i < text.length(); i++) {
            if (i > 0) {
                joined.append(separator);
            }
            joined.append(text.charAt(i));
        }
        return joined.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
