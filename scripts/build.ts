// `npm run build`: lint the contract and regenerate generated/, then build the package and the docs.
import { generate } from "./generate.js";
import { lintStep, packageStage } from "./lib/stages.js";
import { runStages } from "./lib/steps.js";

await runStages("build", [[lintStep, { name: "generate generated/", task: generate }], packageStage]);
