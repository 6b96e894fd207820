// Starts a Prism mock of generated/openapi.json on a loopback port the OS picks, and stops it.
import { spawn } from "node:child_process";
import path from "node:path";
import { bin, root, toolEnv } from "./steps.js";

const specFile = path.join(root, "generated", "openapi.json");
const READY_TIMEOUT_MS = 30_000;
/** Prism's line once it listens, with the port it was given (port 0: no port picked here can be taken before Prism binds it). */
const LISTENING = /Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/;

export async function startPrism() {
  const child = spawn(bin("prism"), ["mock", specFile, "--host", "127.0.0.1", "--port", "0", "--errors"], {
    cwd: root,
    env: toolEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // However this process exits (a crash included), Prism does not outlive it; a signal that
  // ends it without an exit is for its caller to handle (start.ts does).
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  child.once("exit", () => process.off("exit", orphaned));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(`Prism did not start within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    function fail(reason: string) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${reason}:\n${output}`));
    }
    const onData = (chunk: Buffer) => {
      output += chunk;
      const listening = LISTENING.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => fail(`Prism exited (code ${code}) before it was ready`));
  });

  return {
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
