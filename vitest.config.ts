import os from "node:os";
import { defineConfig } from "vitest/config";

// The tooling suites test scripts/ and the contract: they start processes (scripts, the mock's
// Prism) or wait on slow libraries. Every other test file is a client suite: a new test file is
// one unless it is listed here.
const TOOLING = [
  "test/breaking.test.ts",
  "test/contract-check.test.ts",
  "test/contract.spec.test.ts",
  "test/memory.test.ts",
  "test/mock.contract.test.ts",
  "test/release.test.ts",
  "test/start.test.ts",
  "test/stock-tools.test.ts",
];

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    // One worker per core: on a loaded machine, more workers than cores starve each other and the
    // processes the tooling suites start. test/*.test-d.ts are type-level tests, checked by `tsc -p .` (the
    // typecheck step of `npm test`), not run again here.
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        test: {
          // `npx vitest run --project client`: the inner loop, in seconds, without the mock.
          name: "client",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", ...TOOLING],
          // The slowest, the property tests, take ~1 s on a quiet machine: room for a loaded one.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "tooling",
          include: TOOLING,
          globalSetup: ["test/global-setup.ts"],
          // A backstop: a test waits on two scripts at most, and runScript's deadline (60 s each)
          // fails first, naming the script.
          testTimeout: 150_000,
          hookTimeout: 150_000,
        },
      },
    ],
  },
});
