package io.arcml.transport.embedded;

import io.arcml.ErrorDetail;
import java.time.Duration;
import java.util.Objects;

/**
 * A fault the {@link EmbeddedControlPlane} injects on demand, for test harnesses that need the bad
 * days too: failed provisioning, throttling, server errors, slow operations, unhealthy pods.
 * Each fault applies {@code times} times, then is used up.
 */
public final class Fault {
    enum Kind {
        FAIL_ATTACH,
        FAIL_EXTENSION_INSTALL,
        POLL_ERROR,
        SLOW_OPERATION,
        UNHEALTHY_EXTENSION_POD,
        FAIL_JOB,
        PENDING_JOB
    }

    final Kind kind;
    final String target;
    final ErrorDetail error;
    final int statusCode;
    final Duration duration;
    final String reason;
    int remaining;

    private Fault(
            Kind kind, String target, ErrorDetail error, int statusCode, Duration duration, String reason, int times) {
        this.kind = kind;
        this.target = target;
        this.error = error;
        this.statusCode = statusCode;
        this.duration = duration;
        this.reason = reason;
        if (times < 1) {
            throw new IllegalArgumentException("times: " + times + " must be at least 1");
        }
        this.remaining = times;
    }

    /**
     * The next attach of {@code computeName} ({@code null}: of any compute) ends {@code Failed}
     * with this error in {@code provisioningErrors}, like an attach whose role assignments are missing.
     */
    public static Fault failAttach(String computeName, String code, String message) {
        return new Fault(Kind.FAIL_ATTACH, computeName, ErrorDetail.of(code, message), 0, null, null, 1);
    }

    /** The next extension install ends {@code Failed} with this error, like a Helm pre-install healthcheck failure. */
    public static Fault failExtensionInstall(String code, String message) {
        return new Fault(Kind.FAIL_EXTENSION_INSTALL, null, ErrorDetail.of(code, message), 0, null, null, 1);
    }

    /** The next {@code times} status reads answer 429 Too Many Requests with this Retry-After. */
    public static Fault throttlePolls(int times, Duration retryAfter) {
        return new Fault(
                Kind.POLL_ERROR,
                null,
                ErrorDetail.of(
                        "TooManyRequests",
                        "The request is being throttled. Retry after " + retryAfter.toMillis() + " ms."),
                429,
                Objects.requireNonNull(retryAfter, "retryAfter"),
                null,
                times);
    }

    /** The next {@code times} status reads answer with this server error (500 to 599) and no Retry-After. */
    public static Fault serverErrorPolls(int times, int statusCode) {
        return serverErrorPolls(times, statusCode, null);
    }

    /** The next {@code times} status reads answer with this server error (500 to 599) and Retry-After ({@code null} for none). */
    public static Fault serverErrorPolls(int times, int statusCode, Duration retryAfter) {
        if (statusCode < 500 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode: " + statusCode + " is not a server error; use 500 to 599");
        }
        return new Fault(
                Kind.POLL_ERROR,
                null,
                ErrorDetail.of("InternalServerError", "An internal server error occurred. Please try again."),
                statusCode,
                retryAfter,
                null,
                times);
    }

    /** The next {@code times} operations take {@code extra} longer than the configured delay. */
    public static Fault slowOperations(int times, Duration extra) {
        return new Fault(Kind.SLOW_OPERATION, null, null, 0, Objects.requireNonNull(extra, "extra"), null, times);
    }

    /** The extension pod whose name starts with {@code podPrefix} stays not ready for this reason (e.g. {@code CrashLoopBackOff}). */
    public static Fault unhealthyExtensionPod(String podPrefix, String reason) {
        return new Fault(
                Kind.UNHEALTHY_EXTENSION_POD,
                Objects.requireNonNull(podPrefix, "podPrefix"),
                null,
                0,
                null,
                Objects.requireNonNull(reason, "reason"),
                Integer.MAX_VALUE);
    }

    /**
     * The next job named {@code jobName} ({@code null}: any job) fails at once with this exit code,
     * printing {@code lastLogLine}.
     */
    public static Fault failJob(String jobName, int exitCode, String lastLogLine) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("exitCode: a failing job needs a non-zero exit code");
        }
        return new Fault(
                Kind.FAIL_JOB, jobName, null, exitCode, null, Objects.requireNonNull(lastLogLine, "lastLogLine"), 1);
    }

    /**
     * The next job named {@code jobName} ({@code null}: any job) stays queued until canceled, for
     * this reason, e.g. {@code 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.}
     */
    public static Fault pendingJob(String jobName, String reason) {
        return new Fault(Kind.PENDING_JOB, jobName, null, 0, null, Objects.requireNonNull(reason, "reason"), 1);
    }

    boolean appliesTo(String name) {
        return target == null || target.equals(name);
    }

    @Override
    public String toString() {
        return "Fault{" + kind + (target == null ? "" : ", target=" + target)
                + (error == null ? "" : ", error=" + error.code())
                + (statusCode == 0 ? "" : ", status=" + statusCode) + (duration == null ? "" : ", duration=" + duration)
                + (reason == null ? "" : ", reason=" + reason) + ", remaining=" + remaining + "}";
    }
}
