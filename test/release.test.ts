// `npm run release` end to end, in a scratch copy of the repository.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import spec from "../generated/openapi.json" with { type: "json" };
import { runScript } from "./helpers.js";

const root = path.resolve(import.meta.dirname, "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-release-"));
const read = (file: string) => fs.readFileSync(path.join(scratch, file), "utf8");
const inScratch = (args: string[]) => runScript(args, {}, { cwd: scratch });
const release = async (version: string) => {
  const { code, stdout, stderr } = await inScratch(["release.ts", version]);
  return { code, output: code === 0 ? stdout : stderr };
};

beforeAll(() => {
  for (const entry of ["openapi", "scripts", "src", "generated", "package.json", "package-lock.json", "CHANGELOG.md", "redocly.yaml"]) {
    fs.cpSync(path.join(root, entry), path.join(scratch, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("one version", () => {
  it("info.version equals package.json's version and has a released baseline or changelog entry", () => {
    expect(spec.info.version).toBe(pkg.version);
    expect(fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8")).toMatch(new RegExp(`^## \\[${pkg.version.replaceAll(".", "\\.")}\\]`, "m"));
    expect(fs.existsSync(path.join(root, "openapi", "releases", `${pkg.version}.json`))).toBe(true);
  });
});

describe("npm run release", () => {
  it("refuses a version that is not newer, or not a version", async () => {
    expect(await release(pkg.version)).toMatchObject({ code: 1, output: expect.stringMatching(/not newer/) });
    expect(await release("next")).toMatchObject({ code: 1, output: expect.stringMatching(/MAJOR\.MINOR\.PATCH/) });
  });

  it("refuses a breaking change without a breaking bump, and leaves the files as they were", async () => {
    const schema = path.join(scratch, "openapi/components/schemas/YesNo.yaml");
    fs.writeFileSync(schema, read("openapi/components/schemas/YesNo.yaml").replace("  - 'no'\n", ""));
    const [major, minor, patch] = pkg.version.split(".").map(Number) as [number, number, number];
    const result = await release(`${major}.${minor}.${patch + 1}`);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/breaking change.*possible values of `alert_customer`/s);
    expect(read("package.json")).toContain(`"version": "${pkg.version}"`);
    expect(JSON.parse(read("generated/openapi.json")).info.version).toBe(pkg.version);
  });

  it("has check:breaking read openapi/ itself, so an edit is caught before any rebuild", async () => {
    // The edit of the test above is in openapi/; generated/ is still the last build.
    const check = await inScratch(["check-breaking.ts"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/BREAKING .*possible values of `alert_customer`/);
  });

  it("releases with a breaking bump: both versions, generated/, changelog and baseline", async () => {
    const [major, minor] = pkg.version.split(".").map(Number) as [number, number];
    const next = major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
    const result = await release(next);
    expect(result.code).toBe(0);
    expect(JSON.parse(read("package.json")).version).toBe(next);
    expect(JSON.parse(read("package-lock.json")).version).toBe(next);
    expect(read("openapi/openapi.yaml")).toMatch(new RegExp(`^  version: ${next}$`, "m"));
    expect(JSON.parse(read("generated/openapi.json")).info.version).toBe(next);
    expect(read("generated/openapi.json")).toBe(read(`openapi/releases/${next}.json`));
    expect(read("CHANGELOG.md")).toMatch(new RegExp(`## \\[Unreleased\\]\\n\\n## \\[${next}\\] - \\d{4}-\\d{2}-\\d{2}`));
    const check = await inScratch(["check-breaking.ts"]);
    expect(check.stdout).toMatch(new RegExp(`against release ${next}: 0 change`));
    expect(check.code).toBe(0);
  });
});
