package io.arcml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.resource.PipelineSpec;
import io.arcml.resource.PipelineStepSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineJobToSpecTest {

    @Test
    void theSpecCarriesEachStepAsACommandOrASweepWithItsBindings() {
        PipelineSpec spec = PipelineSweepStepTest.withSweep().toSpec();

        assertThat(spec.name()).isEqualTo("tuned");
        assertThat(spec.steps()).containsOnlyKeys("prep", "tune", "report", "eval");
        PipelineStepSpec prep = spec.steps().get("prep");
        assertThat(prep.sweep()).isNull();
        assertThat(prep.outputs()).containsExactly("data");
        PipelineStepSpec tune = spec.steps().get("tune");
        assertThat(tune.sweep()).isNotNull();
        assertThat(tune.sweep().trial()).isEqualTo(tune.job());
        assertThat(tune.sweep().searchSpace()).isNotEmpty();
        assertThat(tune.inputs()).containsExactly(Map.entry("data", "${{parent.jobs.prep.outputs.data}}"));
        assertThat(tune.outputs()).isEqualTo(List.of("model"));
    }

    @Test
    void theSpecWritesTheSameRestBodyAsThePipeline() {
        PipelineJob pipeline = PipelineSweepStepTest.withSweep();
        assertThat(pipeline.toSpec().serialize()).isEqualTo(pipeline.serialize());
        @SuppressWarnings("unchecked")
        Map<String, Object> tune = (Map<String, Object>)
                ((Map<String, Object>) pipeline.toSpec().serialize().get("jobs")).get("tune");
        assertThat(tune)
                .containsEntry("type", "command")
                .containsEntry("name", "tune")
                .containsEntry(
                        "inputs",
                        Map.of(
                                "data",
                                Map.of("job_input_type", "uri_folder", "uri", "${{parent.jobs.prep.outputs.data}}")))
                .containsEntry("outputs", Map.of("model", Map.of("job_output_type", "uri_folder")));
    }
}
