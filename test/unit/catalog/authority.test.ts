import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadAuthorityFile, parseAuthorityConfig } from "#adapters/config/load-authority.ts";
import { applyAuthority, authorityConfigSchema } from "#domain/authority/index.ts";
import { getMeetingType, loadCatalog } from "#domain/catalog/index.ts";

const demoJson = JSON.parse(readFileSync("authorities/demo.json", "utf8")) as Record<string, unknown>;
const withMeetingTypes = (meetingTypes: unknown) => ({ ...structuredClone(demoJson), meetingTypes });
const errorOf = (json: unknown, file = "authorities/x.json"): string => {
  try {
    parseAuthorityConfig(json, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("authority configuration", () => {
  it("loads authorities/demo.json: Demo Borough Council, England and Wales", async () => {
    const demo = await loadAuthorityFile("authorities/demo.json");
    expect(demo).toMatchObject({
      id: "demo",
      name: "Demo Borough Council",
      nation: "england-and-wales",
      timezone: "Europe/London",
      email: { from: { email: "convene@demo.convene.local" }, replyDomain: "reply.demo.convene.local" },
    });
    expect(demo.contacts.teamManager.email).toMatch(/@demo\.convene\.local$/);
  });

  it("fills the documented defaults for what a file leaves out", async () => {
    const config = await loadAuthorityFile("test/fixtures/authorities/child-in-need.json");
    expect(config.timezone).toBe("Europe/London");
    expect(config.escalation).toEqual({
      actionReminderWorkingDaysBefore: 2,
      lineManagerAfterWorkingDays: 1,
      chairAfterWorkingDays: 3,
    });
    expect(config.minutes.approvalWorkingDays).toBe(3);
    expect(config.transcription).toEqual({
      piiRedaction: false,
      languageCode: "en-GB",
      customVocabulary: [],
    });
    expect(config.drafting.generative.enabled).toBe(false);
  });

  it("renames the CFPM to 'Child in Need Meeting' and changes its cadence for one authority", async () => {
    const config = await loadAuthorityFile("test/fixtures/authorities/child-in-need.json");
    const cfpm = getMeetingType(applyAuthority(loadCatalog(), config), "cfpm");
    expect(cfpm.name).toBe("Child in Need Meeting");
    expect(cfpm.abbreviation).toBe("CIN");
    expect(cfpm.aliases).toContain("Child and Family Progress Meeting");
    expect(cfpm.agenda?.title).toBe("Child in Need Meeting re [child]");
    expect(cfpm.timescales.review.thereafter).toEqual({ kind: "months", amount: 3 });
    expect(cfpm.timescales.review.next).toEqual({ kind: "months", amount: 3 });
    expect(cfpm.timescales.review.note).toMatch(
      /Child in Need Borough Council sets thereafter 3 months \(catalog: 6 months\)/,
    );
  });

  it("moves a role the authority requires out of the catalog's invited list", async () => {
    const config = await loadAuthorityFile("test/fixtures/authorities/child-in-need.json");
    const cfpm = getMeetingType(applyAuthority(loadCatalog(), config), "cfpm");
    expect(cfpm.roles.required).toEqual(["social-worker", "parent", "senco"]);
    expect(cfpm.roles.invited).not.toContain("senco");
    expect(cfpm.roles.invited).toContain("gp");
  });

  it("overrides a first-meeting deadline and says what the seed had", () => {
    const config = authorityConfigSchema.parse(
      withMeetingTypes({
        cfpm: { timescales: { first: { "plan-start": { kind: "working-days", amount: 10 } } } },
      }),
    );
    const first = getMeetingType(applyAuthority(loadCatalog(), config), "cfpm").timescales.first;
    const planStart = first.find((t) => t.trigger === "plan-start");
    expect(planStart?.duration).toEqual({ kind: "working-days", amount: 10 });
    expect(planStart?.note).toBe("Demo Borough Council sets 10 working days (seed 004: 10 days).");
  });

  it("leaves the built-in catalog untouched", async () => {
    const config = await loadAuthorityFile("test/fixtures/authorities/child-in-need.json");
    applyAuthority(loadCatalog(), config);
    expect(getMeetingType(loadCatalog(), "cfpm").name).toBe("Child and Family Progress Meeting");
  });
});

describe("authority configuration errors name the file, the field and what was expected", () => {
  it("reports an unknown role with its path", async () => {
    await expect(loadAuthorityFile("test/fixtures/authorities/unknown-role.json")).rejects.toThrowError(
      /^test\/fixtures\/authorities\/unknown-role\.json: meetingTypes\.cfpm\.roles\.required\[2\]: unknown role "gp2" \(expected one of social-worker, .*part-25-expert\)$/,
    );
  });

  it("reports an unknown meeting type id", () => {
    expect(errorOf(withMeetingTypes({ cfpm2: { name: "X" } }))).toMatch(
      /^authorities\/x\.json: meetingTypes\.cfpm2: unknown meeting type "cfpm2" \(expected one of pm, rpm, core-group, cfpm,/,
    );
  });

  it("reports an unknown field of an override", () => {
    expect(errorOf(withMeetingTypes({ cfpm: { nmae: "Child in Need Meeting" } }))).toBe(
      'authorities/x.json: meetingTypes.cfpm.nmae: unknown field "nmae" (expected one of name, abbreviation, aliases, roles, timescales)',
    );
  });

  it("reports a deadline override from a trigger the meeting type does not have", () => {
    expect(
      errorOf(
        withMeetingTypes({
          cfpm: { timescales: { first: { "legal-gateway": { kind: "days", amount: 3 } } } },
        }),
      ),
    ).toBe(
      "authorities/x.json: meetingTypes.cfpm.timescales.first.legal-gateway: Child and Family Progress Meeting has no first-meeting deadline from legal-gateway (expected one of strategy-discussion, s47-enquiry-end, plan-start)",
    );
  });

  it("reports a bad duration kind", () => {
    expect(
      errorOf(
        withMeetingTypes({ cfpm: { timescales: { review: { next: { kind: "fortnights", amount: 1 } } } } }),
      ),
    ).toBe(
      'authorities/x.json: meetingTypes.cfpm.timescales.review.next.kind: expected a duration kind: working-days, days, weeks or months, got "fortnights"',
    );
  });

  it("reports a role listed twice in one override", () => {
    expect(errorOf(withMeetingTypes({ cfpm: { roles: { required: ["gp"], invited: ["gp"] } } }))).toBe(
      'authorities/x.json: meetingTypes.cfpm.roles.invited[0]: "gp" is already listed at roles.required[0]',
    );
  });

  it("reports a missing field and a bad nation", () => {
    const { contacts: _contacts, ...noContacts } = structuredClone(demoJson);
    expect(errorOf(noContacts)).toBe("authorities/x.json: contacts: missing (expected object)");
    expect(errorOf({ ...structuredClone(demoJson), nation: "wales" })).toBe(
      'authorities/x.json: nation: expected a nation: england-and-wales, scotland or northern-ireland, got "wales"',
    );
  });

  it("reports every problem, one line each naming the file and field", () => {
    const bad = structuredClone(demoJson) as { email: { from: { email: string } }; timezone: string };
    bad.email.from.email = "convene";
    bad.timezone = "Europe/Londn";
    expect(errorOf(bad).split("\n")).toEqual([
      'authorities/x.json: timezone: expected an IANA time zone such as Europe/London, got "Europe/Londn"',
      'authorities/x.json: email.from.email: expected an email address, got "convene"',
    ]);
  });

  it("reports a file that is not JSON, and one that cannot be read", async () => {
    await expect(loadAuthorityFile("test/fixtures/authorities/not-json.json")).rejects.toThrowError(
      /^test\/fixtures\/authorities\/not-json\.json: not valid JSON: /,
    );
    await expect(loadAuthorityFile("test/fixtures/authorities/missing.json")).rejects.toThrowError(
      "test/fixtures/authorities/missing.json: cannot read the file (ENOENT)",
    );
  });
});
