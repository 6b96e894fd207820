// Closes a vitest run with one plain line, `vitest: N passed, N failed[, N skipped]`, the form
// CI reads to count what ran.
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of modules) for (const test of module.children.allTests()) counts[test.result().state]++;
    const skipped = counts.skipped + counts.pending;
    console.log(`vitest: ${counts.passed} passed, ${counts.failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}
