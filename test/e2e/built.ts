// The end-to-end suites test what `npm run build` (or `npm test`) last built. A build that is
// missing, or older than what it is built from, is refused rather than tested.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const BUILT_FROM: Record<string, string[]> = {
  "dist/index.js": ["src", "generated/schema.d.ts", "tsup.config.ts"],
  "dist/docs/index.html": ["openapi", "generated/openapi.json", "redocly.yaml", "scripts/build-docs.mjs"],
};

/** Last modification of a file, or of the newest file in a folder. */
function modified(entry: string): number {
  const stat = fs.statSync(path.join(root, entry));
  if (!stat.isDirectory()) return stat.mtimeMs;
  const files = fs.readdirSync(path.join(root, entry), { recursive: true, encoding: "utf8" });
  return Math.max(stat.mtimeMs, ...files.map((file) => fs.statSync(path.join(root, entry, file)).mtimeMs));
}

export default function setup() {
  for (const [output, inputs] of Object.entries(BUILT_FROM)) {
    if (!fs.existsSync(path.join(root, output))) throw new Error(`${output} is missing: run \`npm run build\` first`);
    const newer = inputs.filter((input) => modified(input) > modified(output));
    if (newer.length > 0) throw new Error(`${output} is older than ${newer.join(", ")}: run \`npm run build\` first`);
  }
}
