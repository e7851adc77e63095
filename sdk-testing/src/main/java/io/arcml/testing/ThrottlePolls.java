package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The next status reads of operations answer 429 Too Many Requests with a Retry-After, as
 * {@link io.arcml.transport.embedded.Fault#throttlePolls(int, java.time.Duration)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ThrottlePolls {

    /** How many status reads are throttled. */
    int times() default 1;

    /** The Retry-After they answer with, in milliseconds. */
    long retryAfterMillis() default 10;
}
