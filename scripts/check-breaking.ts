// `npm run check:breaking`: classifies every change of the contract in openapi/ (bundled
// afresh, never a stale build) since the latest release in openapi/releases/, and fails on a
// breaking one unless info.version took a breaking bump (major; minor while the major is 0).
import { classifyChanges, dereference } from "./lib/breaking.js";
import { isBreakingBump, latestRelease } from "./lib/releases.js";
import { API } from "./lib/steps.js";

const release = await latestRelease();
if (!release) {
  console.log("No release in openapi/releases/ yet: nothing to compare with.");
  process.exit(0);
}
const [before, after] = await Promise.all([dereference(release.file), dereference(API)]);
const version: string = after.info.version;
const changes = classifyChanges(before, after);

console.log(`Contract ${version} (openapi/) against release ${release.version}: ${changes.length} change(s)`);
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
