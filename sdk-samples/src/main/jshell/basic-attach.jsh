// arcml in JShell: the how-to's basic attach, on the embedded control plane (no Azure, no cluster).
// Run it from the repository root (the first command writes the classpath once):
//   mvn -q -pl sdk-samples -am package -DskipTests
//   jshell --class-path "$(cat sdk-samples/target/arcml-classpath.txt)" sdk-samples/src/main/jshell/basic-attach.jsh
// It exits 0 when the compute was attached and detached, 1 otherwise.

import io.arcml.*;
import io.arcml.compute.*;

Workspace ws = Workspace.local();
String name = System.getenv().getOrDefault("AML_COMPUTE_CLUSTER_NAME", "amlarc-compute");
String resourceId = "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

// Attach with the defaults: namespace "default", one CPU instance type.
KubernetesCompute compute = ComputeTarget.attach(ws, name, KubernetesCompute.attachConfiguration(resourceId));
compute.waitForCompletion(true);
System.out.println(compute.getStatus().serialize());
System.out.println(compute);

// The workspace lists it, as the Python SDK's ws.compute_targets does.
System.out.println(ComputeTarget.list(ws));

// Detach: the cluster and its extension stay as they are.
compute.detach().waitForCompletion(true);
boolean attachedAndDetached = compute.isDetached() && ComputeTarget.list(ws).isEmpty();
System.out.println(attachedAndDetached ? "basic attach: done" : "basic attach: FAILED");
ws.close();
/exit attachedAndDetached ? 0 : 1
