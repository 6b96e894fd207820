// Starts Prism (mock, or proxy in front of a target) on a loopback port and stops it.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { bin, root, toolEnv } from "./steps.mjs";

const specFile = path.join(root, "generated", "openapi.json");
export const DEFAULT_MOCK_PORT = 4010;

/** A port that was free a moment ago, picked by the OS. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ port?: number, target?: string, log?: (line: string) => void, readyTimeoutMs?: number }} options
 *   With `target`, Prism proxies to it and validates what comes back; without, it mocks.
 */
export async function startPrism({ port, target, log = () => {}, readyTimeoutMs = 30_000 } = {}) {
  const listenPort = port ?? (await freePort());
  const mode = target ? ["proxy", specFile, target] : ["mock", specFile];
  const child = spawn(bin("prism"), [...mode, "--host", "127.0.0.1", "--port", String(listenPort), "--errors"], {
    cwd: root,
    env: toolEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = `http://127.0.0.1:${listenPort}`;
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", resolve));

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`Prism did not start within ${readyTimeoutMs} ms`), readyTimeoutMs);
    function fail(reason) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${reason}:\n${output}`));
    }
    const onData = (chunk) => {
      output += chunk;
      for (const line of String(chunk).split("\n")) if (line.trim()) log(line);
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => fail(`Prism exited (code ${code}) before it was ready`));
  });

  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
