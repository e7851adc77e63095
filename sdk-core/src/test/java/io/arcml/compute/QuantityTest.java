package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "2, 2",
        "500m, 0.5",
        "1.5, 1.5",
        "16Gi, 17179869184",
        "1Ki, 1024",
        "1k, 1000",
        "1e3, 1000",
        "1E3, 1000",
        "2M, 2000000",
        "100n, 0.0000001",
        ".5, 0.5",
        "+1, 1"
    })
    void parsesKubernetesQuantities(String text, String amount) {
        assertThat(Quantity.parse(text).amount()).isEqualByComparingTo(new BigDecimal(amount));
        assertThat(Quantity.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"16GB", "16gi", "1K", "4 Gi", "abc", "1.2.3", "Gi", "1Mb", "--1", "1e"})
    void rejectsWhatTheApiServerRejects(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("is not a Kubernetes quantity")
                .hasMessageContaining("16Gi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsEmptyQuantities(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("is empty");
    }

    @ParameterizedTest
    @CsvSource({"1Gi, 1024Mi", "1, 1000m", "1k, 1000"})
    void equalAmountsAreEqual(String a, String b) {
        assertThat(Quantity.parse(a)).isEqualTo(Quantity.parse(b)).hasSameHashCodeAs(Quantity.parse(b));
    }

    @ParameterizedTest
    @CsvSource({"1, true", "2000m, true", "1.5, false", "500m, false", "1e3, true"})
    void knowsWholeNumbers(String text, boolean integer) {
        assertThat(Quantity.parse(text).isInteger()).isEqualTo(integer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10E", "9999999999999999999"})
    void rejectsValuesBeyondInt64(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("larger");
    }

    @ParameterizedTest
    @CsvSource({"1Gi, 2Gi, -1", "2, 1500m, 1", "1Gi, 1073741824, 0"})
    void comparesByAmount(String a, String b, int sign) {
        assertThat(Integer.signum(Quantity.parse(a).compareTo(Quantity.parse(b))))
                .isEqualTo(sign);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999999", "1E+99999999999", "5e1000", "1e999", "9.3e18"})
    void anExponentTooLargeIsAClearErrorNotANumberFormatException(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessage("quantity: '" + text + "' is larger than Kubernetes can represent. Use a value below 2^63");
    }

    @Test
    void anExponentTooSmallIsAClearErrorAndZeroStaysZero() {
        assertThatThrownBy(() -> Quantity.parse("1e-99999999999"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("quantity: '1e-99999999999' is smaller than the smallest Kubernetes quantity");
        assertThat(Quantity.parse("0e99999999999").amount()).isZero();
    }
}
