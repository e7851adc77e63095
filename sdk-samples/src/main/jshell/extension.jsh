// arcml in JShell: deploy the Azure ML extension to a cluster and verify it, as the how-to's
// `az k8s-extension create` and `kubectl get pods -n azureml` do, on the embedded control plane.
// Run it from the repository root (the first command writes the classpath once):
//   mvn -q -pl sdk-samples -am package -DskipTests
//   jshell --class-path "$(cat sdk-samples/target/arcml-classpath.txt)" sdk-samples/src/main/jshell/extension.jsh
// It exits 0 when the extension Succeeded and every pod in azureml is healthy, 1 otherwise.

import io.arcml.*;
import io.arcml.extension.*;

Workspace ws = Workspace.local();
String clusterId = "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

// JShell ends a snippet at the end of a line that completes it: a chain continues with a trailing dot.
AzureMLExtensionConfiguration settings = AzureMLExtensionConfiguration.builder().
        enableTraining(true).
        allowInsecureConnections(true).
        build();
System.out.println(settings);

AzureMLExtension extension = AzureMLExtension.create(ws, clusterId, settings);
extension.waitForCompletion(true);
System.out.println(extension);

ExtensionVerification verification = extension.verify();
System.out.println(verification);

System.out.println(verification.isHealthy() ? "extension: done" : "extension: FAILED");
ws.close();
/exit verification.isHealthy() ? 0 : 1
