// `npm run test:busy`: `npm test` while one CPU-bound process per core keeps every core busy, as
// on a shared CI machine: a deadline too short or a race shows up here rather than there. The
// busy processes are always stopped, and it exits with npm test's exit code.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { root } from "./lib/steps.js";

// Spins in 100 ms slices and exits when its stdin closes: a busy process outlives no parent,
// even one that was killed outright.
const SPIN = `process.stdin.on("end", () => process.exit()).resume();
const spin = () => { const until = Date.now() + 100; while (Date.now() < until); setImmediate(spin); };
spin();`;

const cores = os.availableParallelism();
const busy: ChildProcess[] = Array.from({ length: cores }, () =>
  spawn(process.execPath, ["-e", SPIN], { stdio: ["pipe", "ignore", "inherit"] }),
);
const stopBusy = () => {
  for (const child of busy) child.kill("SIGKILL");
};
process.on("exit", stopBusy);

console.log(`test:busy: npm test with ${cores} busy process(es), one per core`);
const started = performance.now();
// A process group of its own, so that a signal reaches all of npm test (npm does not pass it on to
// the steps' processes).
const test = spawn("npm", ["test"], { cwd: root, stdio: "inherit", detached: true });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopBusy();
    process.kill(-test.pid!, signal);
  });
}
test.on("error", (error) => {
  console.error(`test:busy: cannot run npm test: ${error.message}`);
  process.exit(1);
});
test.on("exit", (code, signal) => {
  const exitCode = code ?? 128 + os.constants.signals[signal!];
  console.log(`test:busy: npm test exited ${exitCode} (${((performance.now() - started) / 1000).toFixed(2)}s)`);
  process.exit(exitCode);
});
