import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**"],
    globalSetup: ["test/global-setup.ts"],
    // The slowest suites mostly wait on the processes they start (npm, Redocly, tsx): more
    // workers than cores keeps both cores busy. test/*.test-d.ts are type-level tests, checked
    // by `tsc -p .` (the typecheck step of `npm test`), not run again here.
    maxWorkers: 3,
  },
});
