// Reports of `npm run contract` for CI: JUnit XML (one testcase per scenario) and JSON.
import fs from "node:fs/promises";

export interface ScenarioResult {
  name: string;
  operationId: string;
  outcome: "pass" | "fail" | "error" | "skip";
  status?: number;
  violations: string[];
  reason?: string;
  seconds: number;
}

export interface ContractRun {
  target: string;
  exitCode: number;
  results: ScenarioResult[];
}

// XML 1.0 has no place for most control characters, even escaped.
const xml = (text: unknown) =>
  String(text)
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

export function junit({ target, results }: ContractRun): string {
  const count = (outcome: ScenarioResult["outcome"]) => results.filter((result) => result.outcome === outcome).length;
  const time = results.reduce((sum, result) => sum + result.seconds, 0).toFixed(3);
  const cases = results.map((result) => {
    const open = `  <testcase classname="contract.${xml(result.operationId)}" name="${xml(result.name)}" time="${result.seconds.toFixed(3)}"`;
    if (result.outcome === "pass") return `${open}/>`;
    const detail =
      result.outcome === "fail"
        ? `<failure message="${xml([result.reason, result.violations[0]].filter(Boolean).join(": "))}">${xml([result.reason, ...result.violations].filter(Boolean).join("\n"))}</failure>`
        : result.outcome === "error"
          ? `<error message="${xml(result.reason)}"/>`
          : `<skipped message="${xml(result.reason)}"/>`;
    return `${open}>\n    ${detail}\n  </testcase>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuite name="${xml(`KeepUp contract: ${target}`)}" tests="${results.length}" failures="${count("fail")}" ` +
    `errors="${count("error")}" skipped="${count("skip")}" time="${time}">\n${cases.join("\n")}\n</testsuite>\n`
  );
}

/** Writes each report asked for; `redact` is applied to the whole text. */
export async function writeReports(
  { junitFile, jsonFile }: { junitFile?: string | undefined; jsonFile?: string | undefined },
  run: ContractRun,
  redact: (text: string) => string,
): Promise<void> {
  if (junitFile) await fs.writeFile(junitFile, redact(junit(run)));
  if (jsonFile) await fs.writeFile(jsonFile, redact(`${JSON.stringify(run, null, 2)}\n`));
}
