package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingPodDiagnosisTest {
    private static final Pod POD = new PodBuilder()
            .withNewMetadata()
            .withName("train-0")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("main")
            .endContainer()
            .endSpec()
            .build();

    @Test
    void olderSchedulerWordingIsUnderstoodToo() {
        String message =
                "0/3 nodes are available: 1 node(s) had taint {sku: gpu}, that the pod didn't tolerate, 2 node(s) didn't match node selector.";
        assertThat(PendingPodDiagnosis.explainScheduling(POD, message, List::of))
                .contains(
                        "1 node has the taint sku=gpu that the job's pods do not tolerate",
                        "2 nodes do not carry the labels");
    }

    @Test
    void cordonedNodesAreNamedAsSuch() {
        assertThat(PendingPodDiagnosis.explainScheduling(
                        POD, "0/1 nodes are available: 1 node(s) were unschedulable.", List::of))
                .contains("1 node is cordoned (unschedulable)");
    }

    @Test
    void kubernetes134WordingNamesTheTaintFromTheNodes() {
        Pod tolerating = new PodBuilder(POD)
                .editSpec()
                .addNewToleration()
                .withKey("sku")
                .withOperator("Equal")
                .withValue("gpu")
                .withEffect("NoSchedule")
                .endToleration()
                .endSpec()
                .build();
        List<Node> nodes = List.of(
                node("gpu-1", new Taint("NoSchedule", "sku", null, "gpu")),
                node("infer-1", new Taint("NoSchedule", "dedicated", null, "team-a")),
                node("cpu-1"));
        String message =
                "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. "
                        + "no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";

        assertThat(PendingPodDiagnosis.explainScheduling(tolerating, message, () -> nodes))
                .contains(
                        "1 node has the taint dedicated=team-a that the job's pods do not tolerate; 2 nodes do not carry the labels")
                .doesNotContain("sku=gpu that", "Preemption is not helpful for scheduling; ");
        assertThat(PendingPodDiagnosis.explainScheduling(tolerating, message, List::of))
                .contains("1 node has a taint (kubectl describe node lists them) that the job's pods do not tolerate");
    }

    private static Node node(String name, Taint... taints) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withTaints(taints)
                .endSpec()
                .build();
    }
}
