package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.ErrorDetail;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void aRunStatusFromTheControlPlaneBecomesTheSameJobStatus() {
        OffsetDateTime start = OffsetDateTime.parse("2026-03-01T10:00:00Z");
        OffsetDateTime end = start.plusMinutes(3);
        ErrorDetail error = ErrorDetail.of("JobFailed", "exit code 2");

        JobStatus status = JobStatus.of(
                new RunStatus(RunState.FAILED, "Instance r1-0 failed with exit code 2", error, start, end));

        assertThat(status)
                .isEqualTo(new JobStatus(JobState.FAILED, "Instance r1-0 failed with exit code 2", error, start, end));
        assertThat(status).hasToString("Failed: Instance r1-0 failed with exit code 2");
        assertThat(JobStatus.of(RunStatus.of(RunState.QUEUED, null))).isEqualTo(JobStatus.of(JobState.QUEUED, null));
    }
}
