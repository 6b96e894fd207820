// `npm test`: static checks first (the drift check reads the committed generated/), then
// the package build the suites need, then the suites.
import { bin, runStages } from "./lib/steps.mjs";

await runStages("test", [
  [
    { name: "lint openapi/", command: bin("redocly"), args: ["lint"] },
    { name: "check generated/ is fresh", command: "node", args: ["scripts/check-generated.mjs"] },
    { name: "typecheck", command: bin("tsc"), args: ["-p", "."] },
  ],
  [{ name: "build dist/", command: bin("tsup"), args: [] }],
  [{ name: "vitest", command: bin("vitest"), args: ["run"] }],
  [
    { name: "publint", command: bin("publint"), args: ["--strict"] },
    { name: "attw", command: bin("attw"), args: ["--pack", ".", "--profile", "node16"] },
  ],
]);
