// `npm test`: static checks first (the drift check reads the committed generated/), then
// the package and docs builds (the suites, and then `npm run test:e2e`, test them), then the
// suites and the published package's checks.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { lintStep, packageStage } from "./lib/stages.js";
import { bin, root, run, runStages, script } from "./lib/steps.js";

/** Are the types wrong, in the tarball npm would publish? (Packed without scripts: dist/ was just built.) */
async function attw(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "keepup-attw-"));
  try {
    const packed = await run("npm", ["pack", root, "--json", "--ignore-scripts", "--pack-destination", dir]);
    if (packed.code !== 0) throw new Error(packed.output);
    // Every resolution, node10 too (typesVersions); the JSON is read by Node's own resolution only.
    const checked = await run(bin("attw"), [path.join(dir, JSON.parse(packed.stdout)[0].filename), "--exclude-entrypoints", "./openapi.json"]);
    if (checked.code !== 0) throw new Error(checked.output);
    return "";
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

await runStages("test", [
  [
    lintStep,
    { name: "check generated/ is fresh", ...script("check-generated") },
    { name: "typecheck", command: bin("tsc"), args: ["-p", "."] },
    { name: "check breaking changes", ...script("check-breaking"), showOutput: true },
    { name: "lint .github/workflows/", ...script("lint-workflows") },
  ],
  packageStage,
  [
    { name: "vitest", command: bin("vitest"), args: ["run"], showOutput: true },
    { name: "publint", command: bin("publint"), args: ["--strict"] },
    { name: "attw", task: attw },
  ],
]);
