package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The extension pods whose names start with a prefix stay not ready, as
 * {@link io.arcml.transport.embedded.Fault#unhealthyExtensionPod(String, String)}: for the how-to's
 * pod check failing.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(UnhealthyExtensionPod.List.class)
public @interface UnhealthyExtensionPod {

    /** The pod name prefix, for example {@code relayserver}. */
    String podPrefix();

    /** Why it is not ready, for example {@code CrashLoopBackOff}. */
    String reason() default "CrashLoopBackOff";

    /** Holds repeated {@link UnhealthyExtensionPod} annotations. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** The faults. */
        UnhealthyExtensionPod[] value();
    }
}
