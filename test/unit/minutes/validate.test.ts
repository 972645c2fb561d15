import { describe, expect, it } from "vitest";
import { buildPrompt, extractJson, GenerativeDrafter } from "#adapters/documents/bedrock-drafter.ts";
import { draftMinutes, type Minutes, MinutesValidationError, validateDraft } from "#domain/minutes/index.ts";
import { exampleMeeting, exampleTranscript } from "./helpers.ts";

const meeting = await exampleMeeting();
const transcript = await exampleTranscript();
const input = { meeting, transcript };
const good = draftMinutes(input);

/** The transcript-derived sections, as a model would return them. */
function modelPart(m: Minutes): Record<string, unknown> {
  const { header, attendees, apologies, preReading, purpose, restrictedSections, machineDrafted, ...rest } =
    m;
  return rest;
}

describe("validateDraft: the same checks for every drafter", () => {
  it("accepts the deterministic draft", () => {
    expect(validateDraft(good, input)).toEqual(good);
  });

  it("rejects a draft that drops an agenda item", () => {
    const bad = { ...good, agendaItems: good.agendaItems.slice(1) };
    expect(() => validateDraft(bad, input)).toThrow(/agendaItems: expected one section per agenda item/);
  });

  it("rejects an owner who was not at the meeting", () => {
    const first = good.actions[0];
    if (!first) throw new Error("example has actions");
    const bad = {
      ...good,
      actions: [{ ...first, responsible: { name: "Invented Person" } }, ...good.actions.slice(1)],
    };
    expect(() => validateDraft(bad, input)).toThrow(/"Invented Person" is not an attendee or apology/);
  });

  it("rejects links past the end of the recording and due dates before the meeting", () => {
    const first = good.actions[0];
    if (!first) throw new Error("example has actions");
    const bad = {
      ...good,
      actions: [
        {
          ...first,
          sourceRef: { start: 99_000, end: 99_010 },
          timescale: { text: "x", dueDate: "2020-01-01" },
        },
      ],
    };
    const run = () => validateDraft(bad, input);
    expect(run).toThrow(MinutesValidationError);
    expect(run).toThrow(/past the end of the recording.*before the meeting/);
  });

  it("names the field when the shape is wrong", () => {
    expect(() => validateDraft({ ...good, decisions: [{ text: 3 }] }, input)).toThrow(/decisions\.0\.text/);
  });
});

describe("GenerativeDrafter (Bedrock, behind the same port)", () => {
  it("marks the model's draft machine-drafted and takes the record sections from the meeting, not the model", async () => {
    let prompt = "";
    const drafter = new GenerativeDrafter(async (p) => {
      prompt = p;
      return `Here are the minutes:\n\`\`\`json\n${JSON.stringify({ ...modelPart(good), header: { title: "Wrong" } })}\n\`\`\``;
    });
    const minutes = await drafter.draft(input);
    expect(minutes.machineDrafted).toBe(true);
    expect(minutes.header.title).toBe(good.header.title);
    expect(minutes.actions).toEqual(good.actions);
    expect(prompt).toContain("Priya Shah, Allocated social worker");
    expect(prompt).toContain(transcript.segments[0]?.text);
  });

  it("rejects a reply that is not JSON, or that invents a person", async () => {
    await expect(new GenerativeDrafter(async () => "I cannot help with that.").draft(input)).rejects.toThrow(
      /no JSON object/,
    );
    const invented = {
      ...modelPart(good),
      actions: [
        {
          number: 1,
          action: "Do it",
          timescale: { text: "" },
          responsible: { name: "Nobody Known" },
          notes: "",
        },
      ],
    };
    await expect(new GenerativeDrafter(async () => JSON.stringify(invented)).draft(input)).rejects.toThrow(
      MinutesValidationError,
    );
  });

  it("lists the agenda and the timed transcript in the prompt", () => {
    const prompt = buildPrompt(input);
    expect(prompt).toContain(`1. ${meeting.agenda[0]?.title}`);
    expect(prompt).toMatch(/\[2\.4-9\.3 0:02\] Hannah Okafor: Good morning/);
    expect(extractJson('text {"a": 1} more')).toEqual({ a: 1 });
  });
});
