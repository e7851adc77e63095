package io.arcml.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.k8s.CrudMockCluster;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.ArcmlLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sweep fan-out's turns, on fabric8's mock API server: what each arm creates, and in which order the arms go. */
class FanOutTurnsTest {
    private static final String NS = "amlarc-testing";
    private static final String COMPUTE = "bench-compute";
    private static final String CLUSTER =
            "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
    /** Six turns of two trials per arm: each of the six orders once. */
    private static final ObjectMapper KEYS_IN_ORDER =
            Serialization.jsonMapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final SweepFanOut.Rounds SIZES = new SweepFanOut.Rounds(12, 2, 0, 1, Duration.ZERO);

    @Test
    void theThreeComparedArmsAndTheRawCreatesCreateTheSameJobsApartFromTheirNames() {
        try (CrudMockCluster cluster = new CrudMockCluster(NS)) {
            KubernetesClient client = cluster.client();
            runOneRound(cluster);

            Map<String, List<String>> byArm = client.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
                    .collect(Collectors.groupingBy(
                            FanOutTurnsTest::arm,
                            TreeMap::new,
                            Collectors.mapping(FanOutTurnsTest::withoutNames, Collectors.toList())));

            assertThat(byArm.keySet()).containsExactly("again", "arcml", "raw", "typed");
            byArm.values().forEach(jobs -> jobs.sort(Comparator.naturalOrder()));
            assertThat(byArm.get("arcml"))
                    .as("a trial's Job, name for name, as each arm created it")
                    .hasSize(SIZES.trials())
                    .isEqualTo(byArm.get("typed"))
                    .isEqualTo(byArm.get("again"))
                    .isEqualTo(byArm.get("raw"));
            assertThat(client.services().inNamespace(NS).list().getItems())
                    .as("no arm creates more than the Job")
                    .isEmpty();
        }
    }

    @Test
    void eachComparedArmGoesFirstEquallyOftenAndSubmitJobAndTheTypedCreatesAlternate() {
        try (CrudMockCluster cluster = new CrudMockCluster(NS)) {
            SweepFanOut.Round round = runOneRound(cluster);

            List<List<TurnOrder.Arm>> orders = IntStream.range(0, SIZES.turns())
                    .mapToObj(turn -> ranOrder(round, turn))
                    .toList();

            Map<TurnOrder.Arm, Long> first = orders.stream()
                    .collect(Collectors.groupingBy(
                            order -> order.get(0), () -> new EnumMap<>(TurnOrder.Arm.class), Collectors.counting()));
            assertThat(first)
                    .as("the arm that went first in each of the turns %s", orders)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(TurnOrder.Arm.ARCML, 2L, TurnOrder.Arm.TYPED, 2L, TurnOrder.Arm.TYPED_AGAIN, 2L));
            assertThat(orders)
                    .as("every order of the three arms once in six turns")
                    .doesNotHaveDuplicates();
            assertThat(orders.stream()
                            .map(order -> order.indexOf(TurnOrder.Arm.ARCML) < order.indexOf(TurnOrder.Arm.TYPED))
                            .toList())
                    .as("submitJob before the typed creates, turn by turn in %s", orders)
                    .containsExactly(true, false, true, false, true, false);
            assertThat(round.raw().windows()).as("a raw batch per turn").hasSize(SIZES.turns());
        }
    }

    /** Attaches the compute and runs one round of {@link #SIZES} on the cluster. */
    private static SweepFanOut.Round runOneRound(CrudMockCluster cluster) {
        KubernetesClient client = cluster.client();
        Function<KubernetesClient, KubernetesControlPlane> plane = c -> KubernetesControlPlane.builder(c)
                .recordNamespace(NS)
                .expectExtension(false)
                .build();
        try (Workspace ws = Workspace.on(plane.apply(client))) {
            ComputeTarget.attach(
                            ws,
                            COMPUTE,
                            KubernetesCompute.attachConfiguration(CLUSTER).namespace(NS))
                    .waitForCompletion(false);
        }
        TrialJobs jobs = new TrialJobs(
                NS, COMPUTE, HttpClient.newHttpClient(), cluster.server().url("/"));
        try (SubmitPool pool = new SubmitPool(2, new RequestCounter(), new ServerCpu(List.of()));
                KubernetesControlPlane submitting = plane.apply(client)) {
            return new FanOutTurns(pool, client, jobs, COMPUTE, SIZES).run(submitting, "r0", 0);
        }
    }

    /** The compared arms in the order their batches of that turn started. */
    private static List<TurnOrder.Arm> ranOrder(SweepFanOut.Round round, int turn) {
        return List.of(TurnOrder.Arm.values()).stream()
                .sorted(Comparator.comparing(
                        arm -> arm.in(round).windows().get(turn).from()))
                .toList();
    }

    /** The arm that created a Job, by its trial's name: {@code r0b3-t1}, {@code typedr0b3-t1}, ... */
    private static String arm(Job job) {
        String trial = job.getMetadata().getAnnotations().get(ArcmlLabels.JOB_NAME_ANNOTATION);
        return trial.startsWith("r0") ? "arcml" : trial.substring(0, trial.indexOf("r0"));
    }

    /**
     * The Job as the client sent it, keys in order, its run id, its trial's name and its submission's
     * token replaced, what the server added left out.
     */
    private static String withoutNames(Job job) {
        ObjectMeta meta = job.getMetadata();
        String runId = meta.getName();
        String trial = meta.getAnnotations().get(ArcmlLabels.JOB_NAME_ANNOTATION);
        String submission = meta.getAnnotations().get(ArcmlLabels.SUBMISSION_ANNOTATION);
        assertThat(submission).as("%s's submission token", runId).matches("[0-9a-f]{32}");
        meta.setUid(null);
        meta.setResourceVersion(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        job.setStatus(null);
        try {
            return KEYS_IN_ORDER
                    .writeValueAsString(job)
                    .replace(runId, "<run>")
                    .replace(trial, "<trial>")
                    .replace(submission, "<submission>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
