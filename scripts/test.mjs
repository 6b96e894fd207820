// `npm test`: static checks first (the drift check reads the committed generated/), then
// the package and docs builds (the suites, and then `npm run test:e2e`, test them), then the suites.
import { lintStep, packageStage } from "./lib/stages.mjs";
import { bin, runStages } from "./lib/steps.mjs";

await runStages("test", [
  [
    lintStep,
    { name: "check generated/ is fresh", command: "node", args: ["scripts/check-generated.mjs"] },
    { name: "typecheck", command: bin("tsc"), args: ["-p", "."] },
    { name: "check breaking changes", command: "node", args: ["scripts/check-breaking.mjs"], showOutput: true },
    { name: "lint .github/workflows/", command: "node", args: ["scripts/lint-workflows.mjs"] },
  ],
  packageStage,
  [{ name: "vitest", command: bin("vitest"), args: ["run"], showOutput: true }],
  [
    { name: "publint", command: bin("publint"), args: ["--strict"] },
    { name: "attw", command: bin("attw"), args: ["--pack", ".", "--profile", "node16"] },
  ],
]);
