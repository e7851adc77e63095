package io.arcml.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.testsupport.ApiSamples;
import io.arcml.testsupport.NullArgumentWalker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sdk-core's null-argument walk over sdk-testing's public API: the JUnit extension's callbacks
 * (JUnit's contexts are given as interface proxies) and the test environment.
 */
class TestingNullArgumentsTest {
    @Test
    void everyPublicMethodNamesTheParameterItIsGivenNullFor() throws Exception {
        NullArgumentWalker.Result result = new NullArgumentWalker(ApiSamples.core().put(ArcmlExtension.class, ArcmlExtension::new), (type, e, p) -> false)
                .walk(ArcmlExtension.class, List.of("io.arcml.testing"));
        assertThat(result.calls()).as("calls with a null argument").isGreaterThanOrEqualTo(5);
        assertThat(result.failures()).as(result.failures().size() + " of " + result.calls() + " calls").isEmpty();
    }
}
