// A small implementation of Cancel Sale per the contract, with switches that make it deviate,
// to prove that `npm run contract` catches deviations. Test fixture only.
import http from "node:http";

export const VALID_KEY = "reference-valid-key";

export const DEVIATIONS = {
  "wrong-data-status": "data.status is \"canceled\" instead of the constant \"cancelled\"",
  "status-as-string": "the envelope's status is the string \"200\" / \"401\" instead of a number",
  "missing-message": "the success body has no message",
  "html-error": "the 401 is an HTML page, not the JSON envelope",
  "undocumented-status": "a bad key gets 403 instead of the documented 401",
};

/** @param {{ deviation?: keyof typeof DEVIATIONS }} options */
export function startReferenceServer({ deviation } = {}) {
  const send = (response, status, body, type = "application/json") => {
    response.writeHead(status, { "content-type": type });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const server = http.createServer(async (request, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const match = /^\/v2\.0\/sales\/cancel\/([^/]+)$/.exec(request.url ?? "");
    if (!match || request.method !== "PUT") return send(response, 404, { status: 404, error: "Not found" });

    if (request.headers.authorization !== `Bearer ${VALID_KEY}`) {
      if (deviation === "html-error") return send(response, 401, "<html><body>Unauthorized</body></html>", "text/html");
      if (deviation === "undocumented-status") return send(response, 403, { status: 403, error: "Forbidden" });
      const status = deviation === "status-as-string" ? "401" : 401;
      return send(response, 401, { status, error: "Authentication invalid" });
    }
    const body = text ? JSON.parse(text) : {};
    if (body.alert_customer !== undefined && !["yes", "no"].includes(body.alert_customer)) {
      return send(response, 400, { status: 400, error: "alert_customer must be yes or no" });
    }
    const success = {
      status: deviation === "status-as-string" ? "200" : 200,
      message: "sale cancelled",
      data: { status: deviation === "wrong-data-status" ? "canceled" : "cancelled" },
    };
    if (deviation === "missing-message") delete success.message;
    send(response, 200, success);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/v2.0`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const deviation = process.argv[2];
  if (deviation && !(deviation in DEVIATIONS)) {
    console.error(`unknown deviation ${deviation}; one of: ${Object.keys(DEVIATIONS).join(", ")}`);
    process.exit(2);
  }
  const { url } = await startReferenceServer({ deviation });
  console.log(`reference server ${deviation ?? "(conforming)"} at ${url}`);
}
