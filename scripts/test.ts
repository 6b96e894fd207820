// `npm test`: static checks first (the drift check reads the committed generated/), then
// the package and docs builds (the suites, and then `npm run test:e2e`, test them), then the suites.
import { lintStep, packageStage } from "./lib/stages.js";
import { bin, runStages, script } from "./lib/steps.js";

await runStages("test", [
  [
    lintStep,
    { name: "check generated/ is fresh", ...script("check-generated") },
    { name: "typecheck", command: bin("tsc"), args: ["-p", "."] },
    { name: "check breaking changes", ...script("check-breaking"), showOutput: true },
    { name: "lint .github/workflows/", ...script("lint-workflows") },
  ],
  packageStage,
  [{ name: "vitest", command: bin("vitest"), args: ["run"], showOutput: true }],
  [
    { name: "publint", command: bin("publint"), args: ["--strict"] },
    { name: "attw", command: bin("attw"), args: ["--pack", ".", "--profile", "node16"] },
  ],
]);
