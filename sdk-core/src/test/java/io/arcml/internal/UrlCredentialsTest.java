package io.arcml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCredentialsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://user:s3cret@proxy:3128|http://user:***@proxy:3128",
                "http://user:p@ss@proxy:3128|http://user:***@proxy:3128",
                "http://user:pa/ss@proxy:3128|http://user:***@proxy:3128",
                "http://user:a@b/c@d@proxy:3128/path|http://user:***@proxy:3128/path",
                "http://tokenonly@proxy|http://***@proxy",
                "user:pw@proxy:3128|user:***@proxy:3128",
                "http://proxy:3128|http://proxy:3128"
            })
    void hidesTheWholePasswordEvenWithRawAtOrSlash(String url, String masked) {
        assertThat(UrlCredentials.mask(url)).isEqualTo(masked);
    }

    @Test
    void refusesARawAtOrSlashInThePasswordWithoutShowingAnyOfIt() {
        for (String url : new String[] {"http://user:q@zz@proxy:3128", "http://user:q/zz@proxy:3128"}) {
            assertThatThrownBy(() -> UrlCredentials.requireEncoded("HTTPS_PROXY", url))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage(
                            "HTTPS_PROXY: 'http://user:***@proxy:3128' has a user name or password with a raw '@' or '/'. "
                                    + "Percent-encode them in the URL: '@' as %40 and '/' as %2F")
                    .hasMessageNotContaining("zz");
        }
        assertThat(UrlCredentials.requireEncoded("HTTPS_PROXY", "http://user:p%40ss@proxy:3128"))
                .isNotNull();
    }
}
