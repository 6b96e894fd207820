// `npm run contract -- --target <url> [--sale-id <id>] [--alert-customer yes|no]`
// Puts Prism in proxy mode in front of a real server and drives the contract scenarios
// through the client. Prints every violation; exits non-zero on any.
import { parseArgs } from "node:util";
import { startPrism } from "./lib/prism.mjs";

const USAGE = "usage: npm run contract -- --target <base url> [--sale-id <id>] [--alert-customer yes|no]";
const INVALID_KEY = "keepup-contract-check-invalid-key";
// No real sale has this id, so a server that ignored the key would still cancel nothing.
const PROBE_SALE_ID = "contract-check-no-such-sale";

function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      target: { type: "string" },
      "sale-id": { type: "string" },
      "alert-customer": { type: "string", default: "no" },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (!args.target || !URL.canParse(args.target)) fail("--target must be the absolute base URL of the server to check");
if (!["yes", "no"].includes(args["alert-customer"])) fail("--alert-customer must be yes or no");

const { createKeepupClient, AuthenticationError, KeepupError } = await import("../dist/index.js").catch(() =>
  fail("dist/ is missing: run `npm run build` first"),
);

/** Runs one scenario through the client; returns the violations found. */
async function scenario(prismUrl, apiKey, action) {
  const violations = [];
  const keepup = createKeepupClient({
    apiKey,
    baseUrl: prismUrl,
    maxRetries: 0, // a retry would hide what the server first answered
    async fetch(request) {
      const response = await fetch(request);
      const header = response.headers.get("sl-violations");
      for (const violation of header ? JSON.parse(header) : []) {
        violations.push(`${violation.location.join(".")}: ${violation.message}`);
      }
      return response;
    },
  });
  try {
    const problem = await action(keepup);
    // Prism's own violations already say what is wrong; the outcome is then just Prism's 500.
    if (problem && violations.length === 0) violations.push(problem);
  } catch (error) {
    if (violations.length === 0) violations.push(error instanceof KeepupError ? error.message : String(error));
  }
  return violations;
}

const scenarios = [
  {
    name: "a wrong key gets the documented 401 error envelope",
    apiKey: INVALID_KEY,
    action: async (keepup) => {
      const error = await keepup.sales.cancel(PROBE_SALE_ID, { alertCustomer: "no" }).then(
        () => null,
        (caught) => caught,
      );
      if (!(error instanceof AuthenticationError)) {
        return `expected 401 with the error envelope, got ${error ? `${error.name}: ${error.message}` : "a success"}`;
      }
      if (error.body?.status !== 401) return `the envelope's status is ${JSON.stringify(error.body?.status)}, not 401`;
      return null;
    },
  },
];
const liveKey = process.env.KEEPUP_API_KEY;
if (args["sale-id"] && liveKey) {
  scenarios.push({
    name: `sale ${args["sale-id"]} is cancelled (alert_customer: ${args["alert-customer"]}) with the documented 200`,
    apiKey: liveKey,
    action: async (keepup) => {
      const body = await keepup.sales.cancel(args["sale-id"], { alertCustomer: args["alert-customer"] });
      return body.status === 200 ? null : `the envelope's status is ${JSON.stringify(body.status)}, not 200`;
    },
  });
}

// A target that does not answer at all cannot be checked; that is not a contract violation.
try {
  await fetch(args.target, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(10_000) });
} catch (error) {
  console.error(`Cannot reach ${args.target}: ${error.cause?.message ?? error.message}`);
  process.exit(2);
}

const prism = await startPrism({ target: args.target });
let failed = 0;
try {
  console.log(`Checking ${args.target} against the contract (Prism proxy at ${prism.url})`);
  if (scenarios.length === 2) console.log(`WARNING: this cancels sale ${args["sale-id"]} for real; it cannot be undone.`);
  for (const { name, apiKey, action } of scenarios) {
    const violations = await scenario(prism.url, apiKey, action);
    console.log(`${violations.length === 0 ? "PASS" : "FAIL"} ${name}`);
    for (const violation of violations) console.log(`     - ${violation}`);
    if (violations.length > 0) failed++;
  }
  if (scenarios.length === 1) {
    console.log("SKIP a real cancel: give --sale-id and KEEPUP_API_KEY to run it (it cancels that sale).");
  }
} finally {
  await prism.stop();
}
console.log(failed === 0 ? "Contract honoured." : `${failed} scenario(s) broke the contract.`);
process.exitCode = failed === 0 ? 0 : 1;
