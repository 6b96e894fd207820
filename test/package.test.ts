// Packs the package as npm would publish it, installs the tarball into a scratch project,
// type-checks strict ESM and CJS consumers against it, and runs them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { operations, root } from "./helpers.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-consumer-"));
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let packed: string[] = [];
const typescriptSamples = operations.flatMap(({ operationId, codeSamples }) =>
  codeSamples.filter((sample) => sample.label.startsWith("TypeScript")).map(({ source }) => ({ operationId, source })),
);

beforeAll(() => {
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const [info] = JSON.parse(run("npm", ["pack", root, "--json", "--pack-destination", scratch]));
  packed = info.files.map((file: { path: string }) => file.path);
  fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(scratch, info.filename)]);
  for (const file of ["esm.ts", "cjs.cts"]) fs.copyFileSync(path.join(root, "test", "consumer", file), path.join(scratch, file));
  // The docs' TypeScript samples must compile against the published package too.
  for (const { operationId, source } of typescriptSamples) fs.writeFileSync(path.join(scratch, `sample-${operationId}.ts`), source);
  fs.writeFileSync(
    path.join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true,
        module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"],
        types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")],
        resolveJsonModule: true, skipLibCheck: false, outDir: "out",
      },
      files: ["esm.ts", "cjs.cts", ...typescriptSamples.map(({ operationId }) => `sample-${operationId}.ts`)],
    }),
  );
}, 120_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the published package", () => {
  it("ships only what consumers need", () => {
    expect(packed.sort()).toEqual(
      ["CHANGELOG.md", "LICENSE", "README.md", "generated/openapi.json", "package.json",
        "dist/index.cjs", "dist/index.d.cts", "dist/index.d.ts", "dist/index.js",
        "dist/schema.cjs", "dist/schema.d.cts", "dist/schema.d.ts", "dist/schema.js"].sort(),
    );
  });

  it("has openapi-fetch as its only runtime dependency", () => {
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
  });

  it("type-checks strict ESM and CJS consumers and the docs' TypeScript sample of every operation", () => {
    expect(typescriptSamples.map(({ operationId }) => operationId)).toEqual(operations.map(({ operationId }) => operationId));
    run("node", [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    expect(fs.existsSync(path.join(scratch, "out", "cjs.cjs"))).toBe(true);
  }, 60_000);

  it("runs as ESM", () => {
    expect(JSON.parse(run("node", ["out/esm.js"]))).toEqual({
      status: "refunded",
      failure: "AuthenticationError 401",
      path: "/sales/cancel/{sale_id}",
      version: pkg.version,
    });
  });

  it("runs as CommonJS", () => {
    expect(JSON.parse(run("node", ["out/cjs.cjs"]))).toEqual({ status: "cancelled", field: "saleId" });
  });
});
