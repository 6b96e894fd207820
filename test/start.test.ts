// `npm start`'s failures are one line each, naming what to change.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { runScript } from "./helpers.js";

describe("npm start", () => {
  it.each([
    ["the mock's", "KEEPUP_MOCK_PORT", "KEEPUP_DOCS_PORT"],
    ["the docs'", "KEEPUP_DOCS_PORT", "KEEPUP_MOCK_PORT"],
  ])("on a busy port for %s says so in one line, naming the variable", async (_, busyVariable, otherVariable) => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runScript(["start.ts"], { [busyVariable]: String(port), [otherVariable]: String(port === 65535 ? 1 : port + 1) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([`npm start: Port ${port} is in use: set ${busyVariable} to a free port (or stop what listens there).`]);
    } finally {
      busy.close();
    }
  });
});
