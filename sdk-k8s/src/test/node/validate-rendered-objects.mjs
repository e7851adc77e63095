// Validates the objects arcml renders (written by RunRendererTest to sdk-k8s/target/rendered-objects)
// against Kubernetes' OpenAPI schemas, which the mock API server does not check.
// Run: node sdk-k8s/src/test/node/validate-rendered-objects.mjs   (after mvn test; installs its own dependency)
import { execSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "kubernetes-models"))) {
  execSync("npm install --no-audit --no-fund --loglevel=error", { cwd: here, stdio: "inherit" });
}
const { Job } = await import("kubernetes-models/batch/v1");
const { Service, ConfigMap, PodTemplate } = await import("kubernetes-models/v1");

const dir = process.argv[2] ?? join(here, "..", "..", "..", "target", "rendered-objects");
if (!existsSync(dir)) {
  console.error(`No rendered objects in ${dir}: run mvn test -pl sdk-k8s first`);
  process.exit(2);
}

// Custom resources have no schema here; their pod templates do.
function podTemplates(obj) {
  if (obj.apiVersion === "batch.volcano.sh/v1alpha1") {
    return obj.spec.tasks.map((t) => [`task ${t.name}`, t.template]);
  }
  if (obj.apiVersion === "kubeflow.org/v1") {
    return Object.entries(obj.spec.pytorchReplicaSpecs).map(([role, spec]) => [`replica ${role}`, spec.template]);
  }
  return [];
}

function validate(label, model) {
  try {
    model.validate();
    return 0;
  } catch (e) {
    console.error(`${label}: ${e.message}`);
    return 1;
  }
}

let failures = 0;
let checked = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  for (const obj of JSON.parse(readFileSync(join(dir, file), "utf8"))) {
    const label = `${file}: ${obj.kind} ${obj.metadata.name}`;
    const key = `${obj.apiVersion}/${obj.kind}`;
    if (key === "batch/v1/Job") {
      failures += validate(label, new Job(obj));
    } else if (key === "v1/Service") {
      failures += validate(label, new Service(obj));
    } else if (key === "v1/ConfigMap") {
      failures += validate(label, new ConfigMap(obj));
    } else {
      for (const [part, template] of podTemplates(obj)) {
        failures += validate(`${label} ${part}`, new PodTemplate({ metadata: { name: obj.metadata.name }, template }));
      }
    }
    checked++;
  }
}
console.log(`${checked} object(s) checked, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
