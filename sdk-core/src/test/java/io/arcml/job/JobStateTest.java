package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.resource.RunState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void readsAzureMlsJobStatusWordsOnArcmlsStates() {
        Map<String, JobState> words = new LinkedHashMap<>();
        words.put("NotStarted", JobState.NOT_STARTED);
        words.put("Starting", JobState.PREPARING);
        words.put("Provisioning", JobState.PREPARING);
        words.put("Preparing", JobState.PREPARING);
        words.put("Queued", JobState.QUEUED);
        words.put("Paused", JobState.QUEUED);
        words.put("Running", JobState.RUNNING);
        words.put("Finalizing", JobState.RUNNING);
        words.put("NotResponding", JobState.RUNNING);
        words.put("CancelRequested", JobState.CANCEL_REQUESTED);
        words.put("Completed", JobState.COMPLETED);
        words.put("Failed", JobState.FAILED);
        words.put("Canceled", JobState.CANCELED);
        words.put("Unknown", JobState.UNKNOWN);

        words.forEach((word, state) -> assertThat(JobState.parse(word)).as(word).isEqualTo(state));
        assertThat(words).hasSize(14);
    }

    @Test
    void readsWordsWhateverTheirCaseAndPrintsItsOwnWord() {
        assertThat(JobState.parse(" finalizing ")).isEqualTo(JobState.RUNNING);
        assertThat(JobState.parse("CANCELLED")).isEqualTo(JobState.CANCELED);
        assertThat(JobState.parse("Whatever")).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.parse(null)).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.PREPARING).hasToString("Preparing");
    }

    @Test
    void eachRunStateOfTheControlPlaneIsTheJobStateOfTheSameWord() {
        for (RunState run : RunState.values()) {
            JobState state = JobState.of(run);
            assertThat(state.name()).as(run.name()).isEqualTo(run.name());
            assertThat(state).as(run.name()).hasToString(run.toString());
        }
        assertThat(Arrays.stream(RunState.values()).map(JobState::of)).containsExactly(JobState.values());
    }
}
