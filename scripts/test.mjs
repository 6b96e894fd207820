// `npm test`: static checks first (the drift check reads the committed generated/), then
// the package and docs builds (the suites, and then `npm run test:e2e`, test them), then the suites.
import fs from "node:fs";
import path from "node:path";
import { buildDocs } from "./build-docs.mjs";
import { bin, root, runStages } from "./lib/steps.mjs";

const vitestReport = path.join(root, "test-results", "vitest.json");

await runStages("test", [
  [
    { name: "lint openapi/", command: bin("redocly"), args: ["lint"] },
    { name: "check generated/ is fresh", command: "node", args: ["scripts/check-generated.mjs"] },
    { name: "typecheck", command: bin("tsc"), args: ["-p", "."] },
    { name: "check breaking changes", command: "node", args: ["scripts/check-breaking.mjs"], showOutput: true },
  ],
  [
    { name: "build dist/", command: bin("tsup"), args: [] },
    { name: "build dist/docs/", task: buildDocs },
  ],
  [
    {
      name: "vitest",
      command: bin("vitest"),
      args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
      showOutput: true,
    },
  ],
  [
    { name: "publint", command: bin("publint"), args: ["--strict"] },
    { name: "attw", command: bin("attw"), args: ["--pack", ".", "--profile", "node16"] },
  ],
]);

const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
console.log(`vitest: ${numPassedTests} passed, ${numFailedTests} failed`);
