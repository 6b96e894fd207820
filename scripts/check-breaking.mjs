// `npm run check:breaking`: classifies every change of generated/openapi.json since the latest
// release in openapi/releases/, and fails on a breaking one unless info.version took a
// breaking bump (major; minor while the major is 0).
import fs from "node:fs/promises";
import path from "node:path";
import { changesBetween } from "./lib/breaking.mjs";
import { isBreakingBump, latestRelease } from "./lib/releases.mjs";
import { root } from "./lib/steps.mjs";

const current = path.join(root, "generated", "openapi.json");
const release = await latestRelease();
if (!release) {
  console.log("No release in openapi/releases/ yet: nothing to compare with.");
  process.exit(0);
}
const version = JSON.parse(await fs.readFile(current, "utf8")).info.version;
const changes = await changesBetween(release.file, current);

console.log(`Contract ${version} against release ${release.version}: ${changes.length} change(s)`);
for (const { type, description, where } of changes) {
  console.log(`  ${type.toUpperCase().padEnd(12)} ${description}\n  ${" ".repeat(12)} at ${where}`);
}
const breaking = changes.filter((change) => change.type === "breaking").length;
if (breaking > 0 && !isBreakingBump(release.version, version)) {
  console.error(
    `${breaking} breaking change(s) since ${release.version}, but info.version is ${version}. ` +
      `Undo them, or release them with a breaking bump (major; minor while the major is 0): \`npm run release -- <version>\`.`,
  );
  process.exitCode = 1;
}
