import { describe, expect, it } from "vitest";
import { errorValuesPath } from "./error-values-path";

const values: Record<string, unknown> = { "rest-api.ingress.host": "", "rest-api.image.tag": "", "global.database.password": "" };
const valueAt = (p: string) => values[p];

describe("review/error-values-path", () => {
  it.each([
    ["execution error at (developer-mesh/charts/rest-api/templates/ingress.yaml:1:4): rest-api.ingress.host is required when rest-api.ingress.enabled is true", "rest-api.ingress.host"],
    ['execution error at (x/templates/deployment.yaml:46:20): rest-api.image.tag: the tag "latest" is not allowed', "rest-api.image.tag"],
    ["execution error at (x/templates/secrets.yaml:11:3): global.database.password is required (or set …)", "global.database.password"],
    ["execution error at (x/templates/a.yaml:1:2): some.unknown.path is required", undefined],
    ["parse error at (x/templates/a.yaml:3): unexpected EOF", undefined],
  ])("%s", (message, want) => expect(errorValuesPath(message, undefined, valueAt)).toBe(want));
  it("keeps the path the engine already knows", () => {
    expect(errorValuesPath("values don't meet the specifications", "rest-api.image", valueAt)).toBe("rest-api.image");
  });
});
