// A fetch double: records every request and answers from a script.
import { createKeepupClient, type KeepupClientOptions } from "../src/index.js";

export const CANARY_KEY = "kp_canary_9f2c41d7e3b8";
export const BASE_URL = "https://api.keepup.store/v2.0";

export const cancelled = { status: 200, message: "sale cancelled", data: { status: "cancelled" } };
export const unauthorized = { status: 401, error: "Authentication invalid" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  redirect: RequestRedirect;
}

type Answer = Response | Error | ((request: Request) => Response | Promise<Response>);

/** Answers are used in order; the last one repeats. */
export function fakeFetch(...answers: Answer[]) {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
      redirect: request.redirect,
    });
    const answer = answers[Math.min(requests.length, answers.length) - 1];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request);
    return answer!.clone();
  };
  return { fetch, requests };
}

export function clientWith(fetch: (request: Request) => Promise<Response>, options: KeepupClientOptions = {}) {
  return createKeepupClient({ apiKey: CANARY_KEY, fetch, ...options });
}
