// `npm run build`: lint the contract and regenerate generated/, then build the package and the docs.
import { generate } from "./generate.mjs";
import { lintStep, packageStage } from "./lib/stages.mjs";
import { runStages } from "./lib/steps.mjs";

await runStages("build", [[lintStep, { name: "generate generated/", task: generate }], packageStage]);
