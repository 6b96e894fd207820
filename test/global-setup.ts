// One mock (Prism behind the key front) for the whole run, on a free port; always stopped,
// also when tests fail.
import type { TestProject } from "vitest/node";
import { startMock } from "../scripts/lib/mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
    mockApiKey: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide("mockUrl", mock.url);
  project.provide("mockApiKey", mock.apiKey);
  return () => mock.stop();
}
