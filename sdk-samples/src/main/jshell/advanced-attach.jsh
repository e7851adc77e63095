// arcml in JShell: the how-to's advanced attach (namespace, default instance type, instance
// types), on the embedded control plane, once in code and once from the how-to's JSON file.
// Run it from the repository root (the first command writes the classpath once):
//   mvn -q -pl sdk-samples -am package -DskipTests
//   jshell --class-path "$(cat sdk-samples/target/arcml-classpath.txt)" sdk-samples/src/main/jshell/advanced-attach.jsh
// It exits 0 when both attaches Succeeded with the asked settings, 1 otherwise.

import io.arcml.*;
import io.arcml.compute.*;
import java.nio.file.*;

Workspace ws = Workspace.local();
String resourceId = "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

// JShell ends a snippet at the end of a line that completes it: a chain continues with a trailing dot.
InstanceType gpuInstance = InstanceType.builder().
        nodeSelector("accelerator", "nvidia-tesla-k80").
        requests("2", "16Gi", 1).limits("2", "16Gi", 1).build();
InstanceType bigCpu = InstanceType.builder().nodeSelector("VMSizes", "VM-64vCPU-256GB").build();
KubernetesComputeAttachConfiguration cfg = KubernetesCompute.attachConfiguration(resourceId).
        namespace("amlarc-testing").
        defaultInstanceType("gpu_instance").
        instanceTypes(Map.of("gpu_instance", gpuInstance, "big_cpu_sku", bigCpu));
System.out.println(cfg);

KubernetesCompute gpu = ComputeTarget.attach(ws, "amlarc-gpu", cfg);
gpu.waitForCompletion(true);
System.out.println(gpu);
System.out.println(gpu.instanceTypes());

// The same settings from the how-to's advanced attach JSON file.
Path file = Files.createTempFile("amlarc-attach", ".json");
Files.writeString(file, """
        {
          "namespace": "amlarc-testing",
          "defaultInstanceType": "gpu_instance",
          "instanceTypes": {
            "gpu_instance": {
              "nodeSelector": {"accelerator": "nvidia-tesla-k80"},
              "resources": {
                "requests": {"cpu": "2", "memory": "16Gi", "nvidia.com/gpu": "1"},
                "limits": {"cpu": "2", "memory": "16Gi", "nvidia.com/gpu": "1"}
              }
            }
          }
        }
        """);
KubernetesCompute fromFile = ComputeTarget.attach(ws, "amlarc-from-file", KubernetesCompute.attachConfiguration(resourceId).configFile(file));
fromFile.waitForCompletion(true);
System.out.println(fromFile.serialize());
Files.delete(file);

boolean attached = gpu.provisioningState() == ProvisioningState.SUCCEEDED &&
        fromFile.provisioningState() == ProvisioningState.SUCCEEDED &&
        gpu.defaultInstanceType().equals("gpu_instance") &&
        fromFile.instanceTypes().get("gpu_instance").gpus() == 1 &&
        ComputeTarget.list(ws).keySet().equals(Set.of("amlarc-gpu", "amlarc-from-file"));
System.out.println(attached ? "advanced attach: done" : "advanced attach: FAILED");
ws.close();
/exit attached ? 0 : 1
