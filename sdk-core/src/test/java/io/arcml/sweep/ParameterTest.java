package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterTest {
    private final Random random = new Random(42);

    @Test
    void drawsStayInsideTheirDistributions() {
        for (int i = 0; i < 2000; i++) {
            assertThat((int) Parameter.randint(5).sample(random)).isBetween(0, 4);
            assertThat((double) Parameter.uniform(0.01, 0.1).sample(random)).isBetween(0.01, 0.1);
            assertThat((double)
                            Parameter.loguniform(Math.log(1e-4), Math.log(1e-1)).sample(random))
                    .isBetween(1e-4, 1e-1);
            assertThat((double) Parameter.lognormal(0, 1).sample(random)).isPositive();
            assertThat(List.of(16, 32, 64))
                    .contains((Integer) Parameter.choice(16, 32, 64).sample(random));
        }
    }

    @Test
    void quantizedDrawsAreMultiplesOfQ() {
        for (int i = 0; i < 500; i++) {
            double v = (double) Parameter.quniform(16, 128, 16).sample(random);
            assertThat(v % 16).isZero();
            assertThat(v).isBetween(16.0, 128.0);
            assertThat((double) Parameter.qnormal(10, 3, 2).sample(random) % 2).isZero();
            assertThat((double) Parameter.qloguniform(0, 5, 5).sample(random) % 5)
                    .isZero();
            assertThat((double) Parameter.qlognormal(1, 0.5, 1).sample(random) % 1)
                    .isZero();
        }
    }

    @Test
    void normalDrawsCentreOnMu() {
        double sum = 0;
        for (int i = 0; i < 5000; i++) {
            sum += (double) Parameter.normal(3, 0.5).sample(random);
        }
        assertThat(sum / 5000).isBetween(2.95, 3.05);
    }

    @Test
    void restFormsMatchAzureMl() {
        assertThat(Parameter.choice(1, 2).serialize()).isEqualTo(List.of("choice", List.of(List.of(1, 2))));
        assertThat(Parameter.uniform(0.1, 0.5).serialize()).isEqualTo(List.of("uniform", List.of(0.1, 0.5)));
        assertThat(Parameter.randint(10).serialize()).isEqualTo(List.of("randint", List.of(10)));
        assertThat(Parameter.qlognormal(1, 2, 3).serialize()).isEqualTo(List.of("qlognormal", List.of(1.0, 2.0, 3.0)));
    }

    @Test
    void logAndQuantizedKindsTransformTheSameDrawAsTheirBaseDistribution() {
        for (long seed = 0; seed < 200; seed++) {
            double u = (double) Parameter.uniform(-3, 2).sample(new Random(seed));
            double n = (double) Parameter.normal(1, 0.5).sample(new Random(seed));
            assertThat(Parameter.loguniform(-3, 2).sample(new Random(seed))).isEqualTo(Math.exp(u));
            assertThat(Parameter.quniform(-3, 2, 0.5).sample(new Random(seed))).isEqualTo(Math.round(u / 0.5) * 0.5);
            assertThat(Parameter.qloguniform(-3, 2, 0.5).sample(new Random(seed)))
                    .isEqualTo(Math.round(Math.exp(u) / 0.5) * 0.5);
            assertThat(Parameter.lognormal(1, 0.5).sample(new Random(seed))).isEqualTo(Math.exp(n));
            assertThat(Parameter.qnormal(1, 0.5, 2).sample(new Random(seed))).isEqualTo(Math.round(n / 2) * 2.0);
            assertThat(Parameter.qlognormal(1, 0.5, 2).sample(new Random(seed)))
                    .isEqualTo(Math.round(Math.exp(n) / 2) * 2.0);
        }
    }

    @Test
    void theArgumentsAreWhatTheRestFormAndTheSpecCarry() {
        for (Parameter p : List.of(
                Parameter.choice(1, "relu"),
                Parameter.randint(4),
                Parameter.qnormal(1, 2, 0.5),
                Parameter.loguniform(-6, -1))) {
            assertThat(p.serialize()).isEqualTo(List.of(p.type(), p.arguments()));
            assertThat(p.toSpec().type()).isEqualTo(p.type());
            assertThat(p.toSpec().arguments()).isEqualTo(p.arguments());
        }
        assertThat(Parameter.qnormal(1, 2, 0.5).arguments()).isEqualTo(List.of(1.0, 2.0, 0.5));
        assertThat(Parameter.choice(1, "relu").arguments()).isEqualTo(List.of(List.of(1, "relu")));
    }

    @Test
    void rejectsImpossibleDistributions() {
        assertThatThrownBy(() -> Parameter.uniform(1, 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("uniform.min_value");
        assertThatThrownBy(() -> Parameter.normal(0, 0)).hasMessageStartingWith("normal.sigma");
        assertThatThrownBy(() -> Parameter.quniform(0, 1, 0)).hasMessageStartingWith("quniform.q");
        assertThatThrownBy(() -> Parameter.randint(0)).hasMessageStartingWith("randint.upper: '0'");
        assertThatThrownBy(Parameter::choice).hasMessageStartingWith("choice.values");
    }
}
