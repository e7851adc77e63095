package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The next Azure ML extension install ends {@code Failed} with this error, like a Helm
 * pre-install healthcheck failure; as {@link io.arcml.transport.embedded.Fault#failExtensionInstall(String, String)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FailExtensionInstall {

    /** The error code. */
    String code() default "ExtensionOperationFailed";

    /** The error message. */
    String message() default "Helm installation failed: pre-install hook healthcheck failed";
}
