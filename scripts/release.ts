// `npm run release -- <version>`: sets info.version and package.json's version, regenerates
// generated/, stamps CHANGELOG.md's Unreleased section, and writes openapi/releases/<version>.json.
// Refuses a version that is not newer, and a breaking change without a breaking bump.
import fs from "node:fs/promises";
import path from "node:path";
import { compareVersions, isBreakingBump, latestRelease, parseVersion, releasesDir } from "./lib/releases.js";
import { API, root } from "./lib/steps.js";

const file = (name: string) => path.join(root, name);
const fail = (message: string): never => {
  console.error(`release: ${message}`);
  process.exit(1);
};

const version = process.argv[2] ?? "";
try {
  parseVersion(version);
} catch (error) {
  fail(`${(error as Error).message}\nusage: npm run release -- <MAJOR.MINOR.PATCH>`);
}
const pkg = JSON.parse(await fs.readFile(file("package.json"), "utf8"));
const release = await latestRelease();
for (const previous of [pkg.version as string, release?.version].filter((known) => known !== undefined)) {
  if (compareVersions(version, previous) <= 0) fail(`${version} is not newer than ${previous}`);
}
const changelog = await fs.readFile(file("CHANGELOG.md"), "utf8");
if (!/^## \[Unreleased\]$/m.test(changelog)) fail("CHANGELOG.md has no `## [Unreleased]` section");

// The source's info.version is the one line `  version: ...` under `info:`.
const rootSpec = file("openapi/openapi.yaml");
const spec = await fs.readFile(rootSpec, "utf8");
const versionLine = /^(info:\n(?:  .*\n)*?  version: ).*$/m;
if (!versionLine.test(spec)) fail("no `version:` under `info:` in openapi/openapi.yaml");

// Checked before anything is written, so that a refusal leaves every file as it was.
if (release) {
  const { changesBetween } = await import("./lib/breaking.js");
  const breaking = (await changesBetween(release.file, API)).filter((change) => change.type === "breaking");
  if (breaking.length > 0 && !isBreakingBump(release.version, version)) {
    fail(`${breaking.length} breaking change(s) since ${release.version} need a breaking bump, not ${version}:\n` +
      breaking.map((change) => `  - ${change.description}`).join("\n"));
  }
}

await fs.writeFile(rootSpec, spec.replace(versionLine, `$1${version}`));
const { generate } = await import("./generate.js"); // loaded only now: openapi-typescript takes a while
await generate();

pkg.version = version;
await fs.writeFile(file("package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
const lockFile = file("package-lock.json");
const lock = JSON.parse(await fs.readFile(lockFile, "utf8"));
lock.version = version;
if (lock.packages?.[""]) lock.packages[""].version = version;
await fs.writeFile(lockFile, `${JSON.stringify(lock, null, 2)}\n`);

const date = new Date().toISOString().slice(0, 10);
await fs.writeFile(file("CHANGELOG.md"), changelog.replace(/^## \[Unreleased\]$/m, `## [Unreleased]\n\n## [${version}] - ${date}`));
await fs.mkdir(releasesDir, { recursive: true });
await fs.copyFile(file("generated/openapi.json"), path.join(releasesDir, `${version}.json`));
console.log(`Released ${version}: openapi/openapi.yaml, package.json, package-lock.json, CHANGELOG.md, generated/, openapi/releases/${version}.json. Review and commit them.`);
