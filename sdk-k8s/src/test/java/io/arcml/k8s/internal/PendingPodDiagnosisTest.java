package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingPodDiagnosisTest {
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("train-0").endMetadata()
            .withNewSpec().addNewContainer().withName("main").endContainer().endSpec().build();

    @Test
    void olderSchedulerWordingIsUnderstoodToo() {
        String message = "0/3 nodes are available: 1 node(s) had taint {sku: gpu}, that the pod didn't tolerate, 2 node(s) didn't match node selector.";
        assertThat(PendingPodDiagnosis.explainScheduling(POD, message, List::of))
                .contains("1 node has the taint sku=gpu that the job's pods do not tolerate", "2 nodes do not carry the labels");
    }

    @Test
    void cordonedNodesAreNamedAsSuch() {
        assertThat(PendingPodDiagnosis.explainScheduling(POD, "0/1 nodes are available: 1 node(s) were unschedulable.", List::of))
                .contains("1 node is cordoned (unschedulable)");
    }
}
