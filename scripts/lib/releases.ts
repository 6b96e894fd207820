// Released contracts are kept as openapi/releases/<version>.json, the bundled spec of each release.
import fs from "node:fs/promises";
import path from "node:path";
import { root } from "./steps.js";

export const releasesDir = path.join(root, "openapi", "releases");

export function parseVersion(version: string | undefined): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? "");
  if (!match) throw new Error(`"${version}" is not a release version (MAJOR.MINOR.PATCH)`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Semver's breaking position: the major, or the minor while the major is 0. */
export function isBreakingBump(from: string, to: string): boolean {
  const [fromMajor, fromMinor] = parseVersion(from);
  const [toMajor, toMinor] = parseVersion(to);
  return fromMajor === 0 ? toMajor > 0 || toMinor > fromMinor : toMajor > fromMajor;
}

/** The newest release's version and file, or null before the first release. */
export async function latestRelease(dir = releasesDir): Promise<{ version: string; file: string } | null> {
  const versions = (await fs.readdir(dir).catch(() => []))
    .filter((name) => /^\d+\.\d+\.\d+\.json$/.test(name))
    .map((name) => name.slice(0, -".json".length))
    .sort(compareVersions);
  const version = versions.at(-1);
  return version ? { version, file: path.join(dir, `${version}.json`) } : null;
}
