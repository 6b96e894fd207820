// `npm run test:e2e`: samples and rendered docs, as last built; needs chromium, php-cli, php-curl
// and python3-requests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/built.ts", "test/global-setup.ts"],
    testTimeout: 30_000,
  },
});
