// A consumer's project, as `npm init -y` makes one, with this package installed from the
// tarball `npm pack` makes and strict TypeScript consumers compiled against it. Shared by
// test/e2e/package.test.ts and `npm run test:runtimes`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./steps.js";

/** The consumers in test/consumer/, each with its compiled file and what it prints when the package works. */
export const CONSUMERS: Record<string, { output: string; expected: Record<string, unknown> }> = JSON.parse(
  fs.readFileSync(path.join(root, "test", "consumer", "expected.json"), "utf8"),
);

/** How long each command may take: the slowest, tsc, takes ~5 s on a quiet machine. */
const DEADLINE_MS = 60_000;

/**
 * Packs the package into `dir`, installs the tarball there, writes `extra` files beside the
 * consumers and type-checks them all (compiling to out/). Returns the files the tarball holds.
 * A command that has not exited within DEADLINE_MS is killed, and fails naming it.
 */
export function prepareConsumer(dir: string, extra: Record<string, string> = {}): string[] {
  const run = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: DEADLINE_MS, killSignal: "SIGKILL" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ETIMEDOUT") throw error;
      throw new Error(`${path.basename(command)} ${args[0]} did not exit within ${DEADLINE_MS / 1000} s`);
    }
  };
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const [info] = JSON.parse(run("npm", ["pack", root, "--json", "--ignore-scripts", "--pack-destination", dir]));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(dir, info.filename)]);
  for (const file of Object.keys(CONSUMERS)) fs.copyFileSync(path.join(root, "test", "consumer", file), path.join(dir, file));
  for (const [file, source] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), source);
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true,
        module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"],
        types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")],
        resolveJsonModule: true, skipLibCheck: false, outDir: "out",
      },
      files: [...Object.keys(CONSUMERS), ...Object.keys(extra).filter((file) => /\.[mc]?ts$/.test(file))],
    }),
  );
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
  return info.files.map((file: { path: string }) => file.path);
}
