// `npm run test:e2e`: the code samples, the rendered docs and the packed package, as last built;
// needs chromium, php-cli, php-curl and python3-requests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/built.ts", "test/global-setup.ts"],
    testTimeout: 30_000,
    // One file at a time: Chromium, the samples' interpreters and npm would otherwise starve each
    // other on two cores, and the docs' clicks time out.
    fileParallelism: false,
  },
});
