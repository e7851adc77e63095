package io.arcml.samples;

import io.arcml.ArcmlException;
import io.arcml.Workspace;

/** Runs a sample on the embedded control plane and turns a failure into a readable message and exit code 1. */
final class SampleRunner {
    /** The cluster the samples attach on the embedded control plane (it needs no real cluster). */
    static final String CLUSTER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/arcml-local"
            + "/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

    interface Sample {
        void run(Workspace ws) throws Exception;
    }

    private SampleRunner() {}

    static void main(Sample sample) {
        main(Workspace.local(), sample);
    }

    static void main(Workspace workspace, Sample sample) {
        try (Workspace ws = workspace) {
            System.out.println("Workspace: " + ws);
            sample.run(ws);
        } catch (ArcmlException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("FAILED: " + e);
            System.exit(1);
        }
    }
}
