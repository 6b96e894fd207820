// What `npm run build` makes, from what. Scripts and suites that use a build refuse one that
// is missing or older than its sources, rather than test stale code.
import fs from "node:fs";
import path from "node:path";
import { root } from "./steps.js";

export const BUILT_FROM: Record<string, string[]> = {
  "dist/index.js": ["src", "generated/schema.d.ts", "generated/operations.js", "tsup.config.ts"],
  "dist/docs/index.html": ["openapi", "generated/openapi.json", "redocly.yaml", "scripts/build-docs.ts"],
};

/** Last modification of a file, or of the newest file in a folder. */
function modified(entry: string): number {
  const stat = fs.statSync(path.join(root, entry));
  if (!stat.isDirectory()) return stat.mtimeMs;
  const files = fs.readdirSync(path.join(root, entry), { recursive: true, encoding: "utf8" });
  return Math.max(stat.mtimeMs, ...files.map((file) => fs.statSync(path.join(root, entry, file)).mtimeMs));
}

/** Why `output` cannot be used (missing, or older than a source), or undefined when it is fresh. */
export function staleness(output: string): string | undefined {
  if (!fs.existsSync(path.join(root, output))) return `${output} is missing: run \`npm run build\` first`;
  const newer = (BUILT_FROM[output] ?? []).filter((input) => modified(input) > modified(output));
  return newer.length > 0 ? `${output} is older than ${newer.join(", ")}: run \`npm run build\` first` : undefined;
}
