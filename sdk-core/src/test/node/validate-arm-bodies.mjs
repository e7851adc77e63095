// Validates the ARM request bodies arcml sends (written by ArmRequestContractTest to
// sdk-core/target/arm-request-bodies) with Azure's own validator, oav, against the swagger copied
// under sdk-core/src/test/resources/arm/swagger: each body becomes an x-ms-example of its operation
// in a scratch copy of the swagger, and every request-side error oav reports fails the check.
// Response-side findings are left out: the examples echo the request as the response. A canary
// body with a literal input of "." is added each run and must be reported, so the check cannot
// pass by checking nothing.
// Run: node sdk-core/src/test/node/validate-arm-bodies.mjs   (after mvn test; installs its own dependency)
import { execSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "oav"))) {
  execSync("npm install --no-audit --no-fund --loglevel=error", { cwd: here, stdio: "inherit" });
}
const { validateExamples } = await import("oav");

const bodiesDir = process.argv[2] ?? join(here, "..", "..", "..", "target", "arm-request-bodies");
if (!existsSync(bodiesDir) || readdirSync(bodiesDir).length === 0) {
  console.error(`No request bodies in ${bodiesDir}: run mvn test -pl sdk-core first`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "arcml-oav-"));
cpSync(join(here, "..", "resources", "arm", "swagger", "specification"), scratch, { recursive: true });

function jsonFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : p.endsWith(".json") ? [p] : [];
  });
}
const specs = new Map(jsonFiles(scratch).map((f) => [f, JSON.parse(readFileSync(f, "utf8"))]));

// The files are extracts: operations arcml never calls keep their $refs to definitions and
// parameters left out. Those get an open stand-in so that oav can load the files; the operations
// arcml calls resolve to the real definitions.
for (const doc of specs.values()) {
  const text = JSON.stringify(doc);
  for (const [, name] of text.matchAll(/"#\/definitions\/([A-Za-z0-9_.]+)"/g)) {
    doc.definitions ??= {};
    doc.definitions[name] ??= { type: "object", description: "left out of the extract" };
  }
  for (const [, name] of text.matchAll(/"#\/parameters\/([A-Za-z0-9_.]+)"/g)) {
    doc.parameters ??= {};
    doc.parameters[name] ??= { name, in: "query", type: "string", required: false, "x-ms-parameter-location": "method" };
  }
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      if (op && typeof op === "object" && !Array.isArray(op)) delete op["x-ms-examples"];
    }
  }
}

function resolveParameter(file, p) {
  if (!p.$ref) return p;
  const [target, pointer] = p.$ref.split("#");
  const doc = target ? specs.get(join(dirname(file), target)) : specs.get(file);
  return pointer.split("/").filter(Boolean).reduce((node, key) => node[key], doc);
}

function findOperation(method, path) {
  for (const [file, doc] of specs) {
    for (const [template, ops] of Object.entries(doc.paths ?? {})) {
      const op = ops[method.toLowerCase()];
      const names = [];
      const regex = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, n) => (names.push(n), "([^/]+)"));
      const match = op && new RegExp(`^${regex}$`, "i").exec(path);
      if (match) {
        return { file, op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) };
      }
    }
  }
  return null;
}

const CANARY = "canary.json";
const canary = {
  method: "PUT",
  url: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/jobs/canary?api-version=2024-10-01",
  body: { properties: { jobType: "Command", command: "python x.py", environmentId: "env", inputs: { x: { jobInputType: "literal", value: "." } } } },
};
const bodies = readdirSync(bodiesDir).filter((f) => f.endsWith(".json")).sort()
  .map((name) => [name, JSON.parse(readFileSync(join(bodiesDir, name), "utf8"))]);

let examples = 0;
const unmatched = [];
for (const [name, sent] of [...bodies, [CANARY, canary]]) {
  const url = new URL(sent.url, "http://arm");
  const found = findOperation(sent.method, url.pathname);
  if (!found) {
    unmatched.push(`${name}: ${sent.method} ${url.pathname}`);
    continue;
  }
  const { file, op, params } = found;
  params["api-version"] = url.searchParams.get("api-version");
  const bodyParameter = op.parameters.map((p) => resolveParameter(file, p)).find((p) => p.in === "body");
  params[bodyParameter.name] = sent.body;
  const code = op.responses["200"] ? "200" : Object.keys(op.responses).find((c) => c.startsWith("2"));
  const example = { parameters: params, responses: { [code]: op.responses[code].schema ? { body: sent.body } : {} } };
  const exampleName = `arcml-${name}`;
  mkdirSync(join(dirname(file), "examples"), { recursive: true });
  writeFileSync(join(dirname(file), "examples", exampleName), JSON.stringify(example, null, 1));
  op["x-ms-examples"] = { ...op["x-ms-examples"], [exampleName]: { $ref: `./examples/${exampleName}` } };
  examples++;
}
for (const [file, doc] of specs) writeFileSync(file, JSON.stringify(doc, null, 1));

let failures = unmatched.length;
let canaryCaught = false;
unmatched.forEach((u) => console.error(`no operation of the swagger: ${u}`));
for (const [file, doc] of specs) {
  if (!Object.keys(doc.paths ?? {}).length) continue;
  const errors = await validateExamples(file, undefined, { consoleLogLevel: "off" });
  // A request-side error is a finding; a global one other than "no example for this operation"
  // (the operations arcml never calls) means the swagger did not load, which must not pass quietly.
  const findings = errors.filter((x) => x.source === "request" || (x.source === "global" && x.code !== "XMS_EXAMPLE_NOTFOUND_ERROR"));
  for (const e of findings) {
    if ((e.exampleUrl ?? "").endsWith(`arcml-${CANARY}`)) {
      canaryCaught = true;
      continue;
    }
    console.error(`${relative(scratch, e.exampleUrl ?? file)} ${e.exampleJsonPath}: ${e.code} ${e.message}`);
    failures++;
  }
}
if (!canaryCaught) {
  console.error("oav did not report the canary's literal input \".\": the check is not working");
  failures++;
}
rmSync(scratch, { recursive: true, force: true });
console.log(`oav: ${examples - 1} ARM request bodies checked (and a canary, caught), ${failures} errors`);
process.exit(failures === 0 ? 0 : 1);
