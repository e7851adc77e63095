package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The next status reads of operations answer with a server error, as
 * {@link io.arcml.transport.embedded.Fault#serverErrorPolls(int, int)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ServerErrorPolls {

    /** How many status reads fail. */
    int times() default 1;

    /** The status code, 500 to 599. */
    int statusCode() default 503;
}
