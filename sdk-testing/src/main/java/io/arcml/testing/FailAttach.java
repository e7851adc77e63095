package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The next attach of a compute ends {@code Failed} with this error in its
 * {@code provisioningErrors}, as {@link io.arcml.transport.embedded.Fault#failAttach(String, String, String)}.
 * Repeat it to fail several attaches.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(FailAttach.List.class)
public @interface FailAttach {

    /** The compute whose attach fails; empty for the next attach of any compute. */
    String compute() default "";

    /** The error code. */
    String code() default "InternalServerError";

    /** The error message. */
    String message() default "An internal server error occurred. Please try again.";

    /** Holds repeated {@link FailAttach} annotations. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** The faults, in order. */
        FailAttach[] value();
    }
}
