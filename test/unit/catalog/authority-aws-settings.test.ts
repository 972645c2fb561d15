import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadAuthorityFile, parseAuthorityConfig } from "#adapters/config/load-authority.ts";
import { transcribeRedactionLanguages } from "#domain/authority/aws-support.ts";

const demoJson = JSON.parse(readFileSync("authorities/demo.json", "utf8")) as Record<string, unknown>;
const demoWith = (changes: Record<string, unknown>) => ({ ...structuredClone(demoJson), ...changes });
const problemsOf = (json: unknown): string[] => {
  try {
    parseAuthorityConfig(json, "authorities/x.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected a ConfigError");
};

describe("transcription settings, against what Amazon Transcribe supports", () => {
  it("refuses PII redaction for British English, which Transcribe batch redaction does not support", () => {
    expect(problemsOf(demoWith({ transcription: { piiRedaction: true, languageCode: "en-GB" } }))).toEqual([
      `authorities/x.json: transcription.piiRedaction: Amazon Transcribe cannot redact PII in en-GB (redaction supports ${transcribeRedactionLanguages.join(", ")}); set piiRedaction to false`,
    ]);
  });

  it("accepts redaction for US English", () => {
    const config = parseAuthorityConfig(
      demoWith({ transcription: { piiRedaction: true, languageCode: "en-US" } }),
      "authorities/x.json",
    );
    expect(config.transcription.piiRedaction).toBe(true);
  });

  it("leaves redaction off by default, and the demo file (British English) has it off", async () => {
    const demo = await loadAuthorityFile("authorities/demo.json");
    expect(demo.transcription).toMatchObject({ languageCode: "en-GB", piiRedaction: false });
    const { transcription: _t, ...withoutTranscription } = structuredClone(demoJson);
    expect(parseAuthorityConfig(withoutTranscription, "authorities/x.json").transcription.piiRedaction).toBe(
      false,
    );
  });
});

describe("deployment settings", () => {
  it("fills the documented defaults", () => {
    const { deployment: _d, ...withoutDeployment } = structuredClone(demoJson);
    expect(parseAuthorityConfig(withoutDeployment, "authorities/x.json").deployment).toEqual({
      region: "eu-west-2",
      // SES receives in London: no second Region (domain/authority/aws-support.ts).
      receivingRegion: "eu-west-2",
      waf: "own",
      logRetentionDays: 180,
      reservedConcurrency: {},
      retentionDays: {},
      alarmEmails: [],
      workspace: { sessionMinutes: 60 },
    });
  });

  it("checks the workspace's sign-in settings: the identity provider's type, https URLs, Cognito's domain rules", () => {
    const problems = problemsOf(
      demoWith({
        deployment: {
          workspace: {
            cognitoDomainPrefix: "council-aws-login",
            sessionMinutes: 2,
            identityProvider: {
              type: "saml",
              name: "Council ADFS",
              metadataUrl: "http://adfs.example.gov.uk/meta.xml",
            },
          },
        },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/deployment\.workspace\.cognitoDomainPrefix: .*"aws"/),
        expect.stringMatching(/deployment\.workspace\.sessionMinutes: /),
        expect.stringMatching(/deployment\.workspace\.identityProvider\.name: /),
        expect.stringMatching(
          /deployment\.workspace\.identityProvider\.metadataUrl: expected an https:\/\/ URL/,
        ),
      ]),
    );
    expect(
      problemsOf(demoWith({ deployment: { workspace: { identityProvider: { type: "ldap", name: "X" } } } })),
    ).toEqual([expect.stringMatching(/identityProvider\.type: expected type "oidc" or "saml"/)]);
  });

  it("reports every bad setting at once, each naming its field", () => {
    const problems = problemsOf(
      demoWith({
        deployment: {
          region: "London",
          waf: "yes",
          logRetentionDays: 100,
          reservedConcurrency: { sweper: 1 },
          retentionDays: { recordings: 0 },
          alarmEmails: ["ops"],
          sharedReceiptRuleSetName: "has space",
        },
      }),
    );
    const fields = problems.map((line) => line.split(": ")[1]);
    expect(fields.sort()).toEqual(
      [
        "deployment.region",
        "deployment.waf",
        "deployment.logRetentionDays",
        "deployment.retentionDays.recordings",
        "deployment.alarmEmails[0]",
        "deployment.sharedReceiptRuleSetName",
        "deployment.reservedConcurrency.sweper",
      ].sort(),
    );
    for (const line of problems) expect(line).toMatch(/^authorities\/x\.json: deployment\./);
    expect(problems).toContain(
      "authorities/x.json: deployment.logRetentionDays: CloudWatch Logs cannot keep logs 100 days (expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    );
    expect(problems.find((line) => line.includes("sweper"))).toMatch(
      /unknown function \(expected one of .*sweeper/,
    );
  });

  it("accepts a shared web ACL by its ARN", () => {
    const arn = "arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/council-shared/abc";
    expect(
      parseAuthorityConfig(demoWith({ deployment: { waf: arn } }), "authorities/x.json").deployment.waf,
    ).toBe(arn);
  });
});

describe("the authority id", () => {
  it("is short enough for the bucket and function names built from it", () => {
    expect(problemsOf(demoWith({ id: "royal-borough-of-kingston-upon-thames" }))).toEqual([
      "authorities/x.json: id: expected at most 24 characters (the id is part of bucket and function names)",
    ]);
  });
});
