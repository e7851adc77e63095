package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The next operations (attach, detach, extension install) take longer than the configured delay,
 * as {@link io.arcml.transport.embedded.Fault#slowOperations(int, java.time.Duration)}: for timeouts
 * and progress output.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SlowOperations {

    /** How many operations are slowed. */
    int times() default 1;

    /** How much longer each takes, in milliseconds. */
    long extraMillis();
}
