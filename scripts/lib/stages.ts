// The steps that `npm run build` and `npm test` share.
import { buildDocs } from "../build-docs.js";
import { bin } from "./steps.js";

/** Linting the contract. */
export const lintStep = { name: "lint openapi/", command: bin("redocly"), args: ["lint"] };

/** Building the package and the docs. */
export const packageStage = [
  { name: "build dist/", command: bin("tsup"), args: [] },
  { name: "build dist/docs/", task: buildDocs },
];
