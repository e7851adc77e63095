package io.arcml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error as Azure Resource Manager reports it ({@code {"error": {"code", "message", "target",
 * "details"}}}), used by every transport so that a failure reads the same whatever produced it.
 *
 * @param code the machine-readable code, for example {@code InternalServerError}
 * @param message the human-readable message
 * @param target the field or resource the error is about, or {@code null}
 * @param details nested errors, never {@code null}
 */
public record ErrorDetail(String code, String message, String target, List<ErrorDetail> details) {

    /** Canonical constructor: copies {@code details} and requires a code. */
    public ErrorDetail {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** An error without target or details. */
    public static ErrorDetail of(String code, String message) {
        return new ErrorDetail(code, message, null, List.of());
    }

    /** The error as ARM's JSON shape ({@code code}, {@code message}, and {@code target}/{@code details} when present). */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("message", message);
        if (target != null) {
            out.put("target", target);
        }
        if (!details.isEmpty()) {
            List<Map<String, Object>> nested = new ArrayList<>();
            details.forEach(d -> nested.add(d.serialize()));
            out.put("details", nested);
        }
        return out;
    }

    /** One line per error, nested details indented: {@code code: message}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb, "");
        return sb.toString();
    }

    private void append(StringBuilder sb, String indent) {
        sb.append(indent).append(code).append(": ").append(message);
        if (target != null) {
            sb.append(" (target: ").append(target).append(')');
        }
        for (ErrorDetail d : details) {
            sb.append('\n');
            d.append(sb, indent + "  ");
        }
    }
}
