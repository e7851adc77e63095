package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A job fails at once with an exit code and a last log line, as {@link io.arcml.transport.embedded.Fault#failJob(String, int, String)}. */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(FailJob.List.class)
public @interface FailJob {

    /** The job's name; empty for the next job of any name. */
    String job() default "";

    /** The exit code; not zero. */
    int exitCode() default 1;

    /** The last line of its log. */
    String lastLogLine() default "Traceback (most recent call last): RuntimeError";

    /** Holds repeated {@link FailJob} annotations. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** The faults. */
        FailJob[] value();
    }
}
