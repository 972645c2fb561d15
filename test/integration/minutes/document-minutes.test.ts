import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { vocabularyPhrases } from "../../../adapters/aws/transcribe-transcription.ts";
import { loadAuthorityFile } from "../../../adapters/config/load-authority.ts";
import { minutesToDocx } from "../../../adapters/documents/minutes-docx.ts";
import { DocumentMinutes } from "../../../adapters/minutes/document-minutes.ts";
import { applyAuthority } from "../../../domain/authority/index.ts";
import { loadCatalog } from "../../../domain/catalog/index.ts";
import type { Answer, Meeting } from "../../../domain/lifecycle/model.ts";
import { demoInput, startTestRuntime } from "../../e2e/support.ts";

async function heldDemoMeeting(): Promise<{ meeting: Meeting; answers: Answer[] }> {
  const t = await startTestRuntime();
  try {
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const answers = [meeting.chair, ...meeting.invitees].map((p) => ({
      index: p.index,
      attendance: "attended" as const,
      reportReceived: false,
      at: meeting.end,
    }));
    return { meeting, answers };
  } finally {
    await t.runtime.close();
  }
}

describe("drafting minutes for a meeting (the lifecycle's MinutesPort)", async () => {
  const authority = await loadAuthorityFile("authorities/demo.json");
  const catalog = applyAuthority(loadCatalog(), authority);
  const transcript = {
    bytes: new Uint8Array(await readFile("examples/demo/professionals-meeting.vtt")),
    filename: "demo.vtt",
  };
  const { meeting, answers } = await heldDemoMeeting();

  it("drafts deterministically unless the authority switches the generative drafter on", async () => {
    let calls = 0;
    const minutes = new DocumentMinutes(catalog, authority, async () => {
      calls++;
      return "{}";
    });
    const drafted = (await minutes.draft(meeting, answers, transcript)) as { machineDrafted: boolean };
    expect(drafted.machineDrafted).toBe(false);
    expect(calls).toBe(0);
  });

  it("uses the generative drafter when switched on, validates its output and marks it machine-drafted", async () => {
    const deterministic = (await new DocumentMinutes(catalog, authority).draft(
      meeting,
      answers,
      transcript,
    )) as Record<string, unknown>;
    const {
      header,
      attendees,
      apologies,
      preReading,
      purpose,
      restrictedSections,
      machineDrafted,
      ...fromModel
    } = deterministic;
    const switchedOn = {
      ...authority,
      drafting: { generative: { enabled: true, modelId: "anthropic.claude-model" } },
    };
    const generative = new DocumentMinutes(
      catalog,
      switchedOn,
      async () => `\`\`\`json\n${JSON.stringify(fromModel)}\n\`\`\``,
    );
    const drafted = (await generative.draft(meeting, answers, transcript)) as {
      machineDrafted: boolean;
      header: unknown;
    };
    expect(drafted.machineDrafted).toBe(true);
    expect(drafted.header).toEqual(header);
    const broken = new DocumentMinutes(catalog, switchedOn, async () => "I could not do that.");
    await expect(broken.draft(meeting, answers, transcript)).rejects.toThrow();
  });

  it("leaves the sections the meeting type marks restricted out of the family copy", async () => {
    const minutes = new DocumentMinutes(catalog, authority);
    const drafted = await minutes.draft(meeting, answers, transcript);
    const professional = await minutes.render(meeting, drafted, "professional", { final: true });
    const family = await minutes.render(meeting, drafted, "family", { final: true });
    expect(professional.text).toContain("AGREED PRE-READING");
    expect(family.text).not.toContain("AGREED PRE-READING");
    expect(family.pdf?.length).toBeGreaterThan(1000);
    expect(
      Buffer.from(professional.pdf ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    // Drafts go out for comment as Word only: no PDF is made unless asked for.
    expect(professional.text).toMatch(/^FINAL: agreed minutes\.$/m);
    const draft = await minutes.render(meeting, drafted, "professional");
    expect(draft.pdf).toBeUndefined();
    expect(draft.docx.length).toBeGreaterThan(1000);
  });
  it("makes one Word layout for the lifecycle and the CLI: banners, the four action columns, the marking", async () => {
    const minutes = new DocumentMinutes(catalog, authority);
    const drafted = await minutes.draft(meeting, answers, transcript);
    const draft = await minutes.render({ ...meeting, minutesVersion: 1 }, drafted, "professional");
    const { value: lifecycleText } = await mammoth.extractRawText({ buffer: Buffer.from(draft.docx) });
    expect(lifecycleText).toMatch(/DRAFT: for agreement by all attendees/);
    expect(lifecycleText).toMatch(/Version 1 \(sha256 [0-9a-f]{12}\)/);
    for (const column of ["Action", "Timescale", "Responsible professional/department", "Notes"])
      expect(lifecycleText).toContain(column);
    // The protective marking is in the page header and footer, which mammoth leaves out: look in the package.
    expect(Buffer.from(draft.docx).includes(Buffer.from("word/header"))).toBe(true);
    const cli = await minutesToDocx(drafted as never, {
      status: "draft",
      version: 1,
      hash: minutes.hash(drafted),
    });
    const { value: cliText } = await mammoth.extractRawText({ buffer: cli });
    expect(cliText).toBe(lifecycleText);
  });
});

describe("the Amazon Transcribe custom vocabulary", () => {
  it("turns the authority's words into phrases Transcribe accepts", () => {
    expect(
      vocabularyPhrases(["SENCo", "CAMHS", "Part 25", "S47", "Child in Need", "Cafcass", "SENCo"]),
    ).toEqual(["SENCo", "CAMHS", "Part-twenty-five", "Child-in-Need", "Cafcass"]);
  });
});
