// Drift guard: regenerates generated/ into a temporary folder and fails, naming each stale
// file, when the committed copy differs.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate, generatedDir, generatedFiles } from "./generate.js";

const fresh = await fs.mkdtemp(path.join(os.tmpdir(), "keepup-generated-"));
try {
  await generate(fresh);
  const stale = [];
  for (const file of generatedFiles) {
    const committed = await fs.readFile(path.join(generatedDir, file), "utf8").catch(() => null);
    const expected = await fs.readFile(path.join(fresh, file), "utf8");
    if (committed !== expected) stale.push(`generated/${file}`);
  }
  if (stale.length > 0) {
    console.error(
      `Stale generated files (openapi/ changed without a rebuild):\n` +
        stale.map((file) => `  - ${file}`).join("\n") +
        `\nRun \`npm run build\` and commit generated/.`,
    );
    process.exitCode = 1;
  }
} finally {
  await fs.rm(fresh, { recursive: true, force: true });
}
