// `npm run test:e2e`: the code samples, the rendered docs and the packed package, as last built;
// needs chromium, php-cli, php-curl and python3-requests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/built.ts", "test/global-setup.ts"],
    // Backstops above the deadlines that fail first, naming what they waited for: runCommand's
    // (60 s) for a process, two of them in a test at most, and Playwright's (30 s) for each step
    // in Chromium; hooks close browsers and remove scratch directories.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    // Polled values (the docs re-render after a click) get time on a loaded machine, not vitest's 1 s.
    expect: { poll: { timeout: 10_000 } },
    // One file at a time: Chromium, the samples' interpreters and npm would otherwise starve each
    // other on two cores, and the docs' clicks time out.
    fileParallelism: false,
  },
});
