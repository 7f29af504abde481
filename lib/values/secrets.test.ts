import { describe, expect, it } from "vitest";
import { isSecretPath, SECRET_PATHS } from "./secrets";

describe("values/secrets", () => {
  it("lists every credential of the chart, and nothing else", () => {
    expect([...SECRET_PATHS].sort()).toEqual(
      [
        "global.database.password",
        "global.redis.password",
        "global.security.jwt.secret",
        "global.security.encryption.masterKey",
        "global.security.apiKeys.admin",
        "global.security.apiKeys.reader",
        "global.security.apiKeys.mcp",
        "global.aws.accessKeyId",
        "global.aws.secretAccessKey",
        "rest-api.secrets.githubToken",
        "rest-api.secrets.githubWebhookSecret",
        "edge-mcp.secrets.githubToken",
        "worker.secrets.artifactoryApiKey",
        "rag-loader.secrets.masterKey",
      ].sort(),
    );
  });

  const cases: Array<[string, boolean]> = [
    ["global.security.jwt.secret", true],
    ["global.security.jwt.existingSecret", false],
    ["global.security.jwt.existingSecretKey", false],
    ["rest-api.service.port", false],
  ];
  it.each(cases)("isSecretPath(%s) is %s", (path, expected) => {
    expect(isSecretPath(path)).toBe(expected);
  });
});
