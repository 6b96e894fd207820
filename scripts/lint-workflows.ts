// Validates .github/workflows/ with action-validator (SchemaStore's workflow schema and its
// glob checks, as WebAssembly from npm). Prints each finding with where it is; fails on any.
import fs from "node:fs/promises";
import path from "node:path";
import { validateWorkflow, type ValidationError } from "@action-validator/core";
import { root } from "./lib/steps.js";

/** One line per innermost finding: the schema's nested "one of" states say which branch failed. */
function findings(errors: ValidationError[], file: string): string[] {
  return errors.flatMap((error) => {
    const nested = ("states" in error ? (error.states ?? []) : []).flatMap((state) => findings(state.errors, file));
    if (nested.length > 0) return nested;
    const where = "path" in error ? error.path : error.location ? `line ${error.location.line}:${error.location.column}` : "";
    return [`${file} ${where}: ${error.title}${error.detail ? ` (${error.detail})` : ""}`];
  });
}

const dir = path.join(root, ".github", "workflows");
const files = (await fs.readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
if (files.length === 0) throw new Error(`no workflow in ${dir}`);
let count = 0;
for (const name of files) {
  const file = path.join(".github", "workflows", name);
  const lines = [...new Set(findings(validateWorkflow(await fs.readFile(path.join(root, file), "utf8")).errors, file))];
  for (const line of lines) console.log(line);
  count += lines.length;
}
console.log(`action-validator: ${files.length} workflow(s), ${count} finding(s)`);
process.exitCode = count > 0 ? 1 : 0;
