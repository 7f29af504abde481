import { describe, expect, it } from "vitest";
import { studioChart } from "../export/util-chart.test-util";
import { MAX_BODY_BYTES, parseApiRequest, serverStudio, type ServerStudio } from "./api-request";

const { files } = studioChart();
const studio = serverStudio({ files: Object.fromEntries([...files].map(([p, b]) => [p, Buffer.from(b).toString("base64")])) }) as ServerStudio;
const post = (query: string, body?: string, type = "application/yaml"): Request =>
  new Request(`http://localhost/api/x${query}`, { method: "POST", headers: body === undefined ? {} : { "content-type": type }, body });

describe("workspace/api-request: the routes' shared preamble", () => {
  it("should give the workspace with the request's release, the environment and the body's layer", async () => {
    const r = await parseApiRequest(post("?env=prod&release=dm&namespace=ns", "a: 1\n"), studio);
    expect(r.success && { release: r.data.ws.release, env: r.data.env, layers: r.data.layers }).toEqual({
      release: { name: "dm", namespace: "ns" },
      env: "prod",
      layers: [{ name: "request body", text: "a: 1\n" }],
    });
    const bare = await parseApiRequest(post(""), studio);
    expect(bare.success && { release: bare.data.ws.release, env: bare.data.env, layers: bare.data.layers }).toEqual({
      release: { name: "release-name", namespace: "default" },
      env: null,
      layers: [],
    });
  });

  it.each([
    ["no chart", null, post("", "a: 1\n"), 503, "CHART_MISSING"],
    ["an unknown environment (before the body is read)", studio, post("?env=nope", "- not a map\n"), 404, "ENV_NOT_FOUND"],
    ["a bad release name", studio, post("?release=Bad_Name"), 400, "RELEASE_INVALID"],
    ["a bad namespace", studio, post("?namespace=a.b"), 400, "NAMESPACE_INVALID"],
    ["another content type", studio, post("", "{}", "application/json"), 415, "CONTENT_TYPE"],
    ["a body over the limit", studio, post("", "a: ".padEnd(MAX_BODY_BYTES + 1, "x")), 413, "BODY_TOO_LARGE"],
    ["a body that is no values map", studio, post("", "- 1\n"), 400, "BODY_INVALID"],
  ])("should refuse %s", async (_, s, request, status, code) => {
    const r = await parseApiRequest(request, s);
    expect(r.success ? null : { status: r.error.status, code: r.error.code }).toEqual({ status, code });
  });
});
