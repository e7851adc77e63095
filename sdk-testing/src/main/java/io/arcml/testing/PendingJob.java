package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A job stays queued until it is canceled, as
 * {@link io.arcml.transport.embedded.Fault#pendingJob(String, String)}: for pods that cannot be
 * scheduled, by default for lack of GPUs.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(PendingJob.List.class)
public @interface PendingJob {

    /** The job's name; empty for the next job of any name. */
    String job() default "";

    /** Why it waits, worded like the scheduler. */
    String reason() default "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.";

    /** Holds repeated {@link PendingJob} annotations. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** The faults. */
        PendingJob[] value();
    }
}
