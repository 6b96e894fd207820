// `npm start`'s failures are one line each, naming what to change; however it is stopped, its
// Prism stops with it.
import { execFileSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { runScript } from "./helpers.js";

describe("npm start", () => {
  it.each([
    ["the mock's", "KEEPUP_MOCK_PORT", "KEEPUP_DOCS_PORT"],
    ["the docs'", "KEEPUP_DOCS_PORT", "KEEPUP_MOCK_PORT"],
  ])("on a busy port for %s says so in one line, naming the variable", async (_, busyVariable, otherVariable) => {
    const other = await freePort();
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runScript(["start.ts"], { [busyVariable]: String(port), [otherVariable]: String(other) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([`npm start: Port ${port} is in use: set ${busyVariable} to a free port (or stop what listens there).`]);
    } finally {
      busy.close();
    }
  });

  /** The processes of a process group (start.ts runs in its own, with the Prism it starts). */
  const groupOf = (pgid: number) => {
    try {
      return execFileSync("pgrep", ["-g", String(pgid)], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    } catch {
      return []; // pgrep exits 1 when it finds none
    }
  };

  // Concurrent: each waits on its own processes, not on this worker.
  it.concurrent.each(["SIGTERM", "SIGHUP"] as const)("stops Prism with itself at %s (a supervisor, its terminal closing; Ctrl-C takes the same path)", async (signal) => {
    const ports = await Promise.all([0, 1].map(() => freePort()));
    let child: ChildProcess | undefined;
    const run = runScript(["start.ts"], { KEEPUP_MOCK_PORT: String(ports[0]), KEEPUP_DOCS_PORT: String(ports[1]) }, { started: (started) => (child = started) });
    const pgid = child!.pid!;
    try {
      // Ready, or why not: an early exit says so; a hang ends at runScript's deadline, naming start.ts.
      const ready = new Promise<void>((resolve) => child!.stdout!.on("data", (chunk: Buffer) => String(chunk).includes("Ctrl-C stops both") && resolve()));
      await Promise.race([ready, run.then((exited) => Promise.reject(new Error(`npm start exited before it was ready:\n${exited.stderr}`)))]);
      child!.kill(signal);
      await run;
      const deadline = performance.now() + 20_000;
      while (groupOf(pgid).length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(groupOf(pgid), "processes of npm start left running (Prism)").toEqual([]);
    } finally {
      for (const pid of groupOf(pgid)) process.kill(Number(pid), "SIGKILL");
    }
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
