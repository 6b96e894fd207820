// `npm run build`: lint the contract and regenerate generated/, then build the package and the docs.
import { buildDocs } from "./build-docs.mjs";
import { generate } from "./generate.mjs";
import { bin, runStages } from "./lib/steps.mjs";

await runStages("build", [
  [
    { name: "lint openapi/", command: bin("redocly"), args: ["lint"] },
    { name: "generate generated/", task: generate },
  ],
  [
    { name: "build dist/", command: bin("tsup"), args: [] },
    { name: "build dist/docs/", task: buildDocs },
  ],
]);
