// One Prism mock for the whole run, on a free port; always stopped, also when tests fail.
import type { TestProject } from "vitest/node";
import { startPrism } from "../scripts/lib/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism();
  project.provide("mockUrl", prism.url);
  return () => prism.stop();
}
