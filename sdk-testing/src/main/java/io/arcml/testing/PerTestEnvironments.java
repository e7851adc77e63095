package io.arcml.testing;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What arcml's JUnit extensions share: one environment per test, kept in JUnit's store of the test
 * method from its first injection until the extension removes it after the test, the settings
 * annotation nearest to the test, and the checks of its attributes.
 */
final class PerTestEnvironments {
    private static final String ENVIRONMENT = "environment";

    private PerTestEnvironments() {}

    /**
     * The environment of the running test, created at its first injection.
     *
     * @throws ParameterResolutionException when the parameter is not of a test or {@code @BeforeEach}
     *                                      method: a constructor or {@code @BeforeAll} would share one
     *                                      environment between tests
     */
    static <E> E of(
            ParameterContext parameter,
            ExtensionContext context,
            Class<?> extension,
            Class<E> type,
            Supplier<E> create) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("arcml builds a fresh workspace for each test, so "
                    + parameter.getParameter().getType().getSimpleName() + " cannot be injected into "
                    + parameter.getDeclaringExecutable() + ". Inject it into the test method or a @BeforeEach method");
        }
        ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(extension));
        E existing = store.get(ENVIRONMENT, type);
        if (existing != null) {
            return existing;
        }
        E created = create.get();
        store.put(ENVIRONMENT, created);
        return created;
    }

    /** Takes the test's environment out of the store, when one was created, for the extension to close. */
    static <E> Optional<E> remove(ExtensionContext context, Class<?> extension, Class<E> type) {
        return Optional.ofNullable(
                context.getStore(ExtensionContext.Namespace.create(extension)).remove(ENVIRONMENT, type));
    }

    /**
     * A duration attribute of a settings annotation.
     *
     * @throws ParameterResolutionException naming the attribute when the value is negative
     */
    static Duration millis(long value, String attribute) {
        if (value < 0) {
            throw new ParameterResolutionException("arcml test settings: " + attribute + " = " + value
                    + " is negative. Give zero or more milliseconds");
        }
        return Duration.ofMillis(value);
    }

    /** The annotation of the test method, else of its class or an enclosing class ({@code @Nested}). */
    static <A extends Annotation> Optional<A> nearest(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), type);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(c, type);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }
}
