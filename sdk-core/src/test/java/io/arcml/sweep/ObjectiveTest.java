package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
    @Test
    void aPrimaryMetricAzureMlWouldRefuseIsRefused() {
        assertThatThrownBy(() -> Objective.maximize("."))
                .isInstanceOf(ValidationException.class)
                .hasMessage("objective.primary_metric: '.' has no letter, digit or '_', which Azure ML refuses. "
                        + "Name the metric the trials log, e.g. accuracy");
        assertThat(Objective.minimize("val/loss").primaryMetric()).isEqualTo("val/loss");
    }
}
