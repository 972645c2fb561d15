import { describe, expect, it } from "vitest";
import { addDuration, addWorkingDays } from "#domain/clock/index.ts";
import { missingSections } from "#domain/minutes/blockers.ts";
import { DeterministicDrafter, draftMinutes, findTimescale, type SourceRef } from "#domain/minutes/index.ts";
import { mapSpeakers, type Transcript } from "#domain/transcript/index.ts";
import { exampleMeeting, exampleTranscript, smallMeeting, vtt } from "./helpers.ts";

/** The words spoken during a source reference. */
function spoken(transcript: Transcript, ref: SourceRef | undefined): string {
  if (!ref) return "";
  return transcript.segments
    .filter((s) => s.start <= ref.end && s.end >= ref.start)
    .map((s) => s.text)
    .join(" ");
}

describe("drafting the example professionals meeting (seed 000 agenda)", async () => {
  const meeting = await exampleMeeting();
  const transcript = await exampleTranscript();
  const minutes = draftMinutes({ meeting, transcript });

  it("has one section per agenda item, each with discussion taken from that item's part of the meeting", () => {
    expect(minutes.agendaItems.map((a) => a.title)).toEqual(meeting.agenda.map((a) => a.title));
    for (const item of minutes.agendaItems) {
      expect(item.discussion.split("\n").length).toBe(item.sourceRefs.length);
      expect(item.sourceRefs.length).toBeGreaterThan(0);
    }
    const itemThree = minutes.agendaItems[2];
    expect(itemThree?.discussion).toMatch(/EHCP/);
    expect(itemThree?.discussion).not.toMatch(/short breaks/);
  });

  it("copies the header, attendees, apologies, pre-reading and purpose from the meeting record", () => {
    expect(minutes.header).toMatchObject({ date: meeting.date, time: meeting.time, chair: "Hannah Okafor" });
    expect(minutes.header.title).toBe("Professionals Meeting re Leo Marsh");
    expect(minutes.attendees.map((a) => a.email)).toEqual(meeting.attendees.map((a) => a.email));
    expect(minutes.apologies.find((a) => a.writtenReport)?.name).toBe("Claire Beaumont");
    expect(minutes.preReading).toEqual(meeting.preReading);
  });

  it("finds decisions by their cue phrases, each linked to where it was said", () => {
    expect(minutes.decisions.length).toBeGreaterThanOrEqual(4);
    for (const d of minutes.decisions) {
      expect(spoken(transcript, d.sourceRef)).toContain(d.text.slice(1, 30));
    }
    expect(minutes.decisions.some((d) => /PAMS/.test(d.text))).toBe(true);
  });

  it("finds actions with owners matched to attendees and timescales resolved by the statutory clock", () => {
    const byText = (re: RegExp) => minutes.actions.find((a) => re.test(a.action));
    const referral = byText(/referral for overnight short breaks/);
    expect(referral?.responsible).toMatchObject({ name: "Priya Shah", email: "priya.shah@council.example" });
    const adapted = byText(/adapted parenting sessions/);
    expect(adapted?.responsible.name).toBe("Neil Morgan");
    expect(adapted?.timescale).toEqual({
      text: "within 10 working days",
      dueDate: addWorkingDays(meeting.date, 10, meeting.nation),
    });
    const viability = byText(/viability assessment/);
    expect(viability?.timescale.dueDate).toBe(addWorkingDays(meeting.date, 5, meeting.nation));
    expect(byText(/ADHD/)?.timescale.dueDate).toBe(
      addDuration(meeting.date, { kind: "weeks", amount: 2 }, meeting.nation),
    );
    expect(byText(/early annual review of the EHCP/)?.responsible).toEqual({ department: "School" });
    expect(minutes.actions.map((a) => a.number)).toEqual(minutes.actions.map((_, i) => i + 1));
    for (const a of minutes.actions) expect(spoken(transcript, a.sourceRef).length).toBeGreaterThan(0);
  });

  it("records the child's views, how they shaped decisions and why one was not acted on (seed 001)", () => {
    expect(minutes.childsViews.views).toMatch(/wants to stay living with his mum/);
    expect(minutes.childsViews.influence).toMatch(/Taking Leo's views into account/);
    expect(minutes.childsViews.notActedOnWhy).toMatch(/cannot be promised/);
    expect(minutes.childsViews.sourceRefs.length).toBeGreaterThan(0);
  });

  it("records the contingency plan, progress measures and next review date (seed 001)", () => {
    expect(minutes.contingencyPlan.text).toMatch(/kinship placement/);
    expect(minutes.contingencyPlan.text).toMatch(/^Then we would look at a viability assessment/m);
    expect(minutes.progressMeasures.text).toMatch(/school attendance figures/);
    expect(minutes.nextReview.date).toBe("2026-04-23");
    expect(missingSections(minutes, ["childs-views", "contingency-plan"])).toEqual([]);
  });

  it("is deterministic and the same through the port", async () => {
    expect(await new DeterministicDrafter().draft({ meeting, transcript })).toEqual(minutes);
    expect(minutes.machineDrafted).toBe(false);
  });
});

describe("finding owners", () => {
  const meeting = smallMeeting();

  it("matches owners by full name, first name, title and surname, and role words", () => {
    const t = vtt([
      ["Asha Patel", "Tom Reid will share the attendance figures by Friday."],
      ["Asha Patel", "Action: Tom to update the pupil passport within 5 working days."],
      ["Asha Patel", "Dr Ford will review the medication within two weeks."],
      ["Asha Patel", "The GP will write to the paediatrician by 10 April."],
      ["Asha Patel", "The SENCo will book the annual review by the end of the month."],
    ]);
    const names = draftMinutes({ meeting, transcript: t }).actions.map((a) => a.responsible.name);
    expect(names).toEqual(["Tom Reid", "Tom Reid", "Dr Lena Ford", "Dr Lena Ford", "Tom Reid"]);
  });

  it("gives 'I will' to the speaker, 'we will' to the speaker's agency, and a request to the person asked", () => {
    const t = mapSpeakers(
      vtt([
        ["spk_1", "I'll send the referral to CAMHS by next Monday."],
        ["spk_0", "We will arrange a family network meeting within 20 working days."],
        ["spk_0", "Tom, can you send me the incident log by Wednesday?"],
      ]),
      { spk_0: "Asha Patel", spk_1: "Lena Ford" },
    );
    const actions = draftMinutes({ meeting: smallMeeting({ speakers: {} }), transcript: t }).actions;
    expect(actions.map((a) => a.responsible.name ?? a.responsible.department)).toEqual([
      "Dr Lena Ford",
      "Children's Social Care",
      "Tom Reid",
    ]);
  });

  it("uses the meeting's speaker mapping for Transcribe labels", () => {
    const t = vtt([["spk_3", "I will visit Mia at home by next Thursday."]]);
    const actions = draftMinutes({
      meeting: smallMeeting({ speakers: { spk_3: "Jo Jones" } }),
      transcript: t,
    }).actions;
    expect(actions[0]?.responsible.name).toBe("Jo Jones");
  });

  it("takes a speaker labelled like an object's own property (constructor, toString) as a label, not crashing", () => {
    const t = vtt([
      ["constructor", "I will visit Mia at home by next Thursday."],
      ["toString", "I'll send the referral to CAMHS by next Monday."],
    ]);
    const actions = draftMinutes({
      meeting: smallMeeting({ speakers: { spk_3: "Jo Jones" } }),
      transcript: t,
    }).actions;
    expect(actions).toHaveLength(2);
    for (const action of actions) expect(typeof (action.responsible.name ?? "")).toBe("string");
  });

  it("does not take talk about the meeting itself as an action", () => {
    const t = vtt([
      ["Asha Patel", "I'll hand over to Tom now."],
      ["Asha Patel", "I will just say that the weather was awful."],
      ["Asha Patel", "I'll start by introducing everyone."],
    ]);
    expect(draftMinutes({ meeting, transcript: t }).actions).toEqual([]);
  });

  it("merges an action said twice, keeping the owner and date found", () => {
    const t = vtt([
      ["Tom Reid", "I will book the annual review by 24 April."],
      ["Asha Patel", "So to recap, Tom will book the annual review."],
    ]);
    const actions = draftMinutes({ meeting, transcript: t }).actions;
    expect(actions).toHaveLength(1);
    expect(actions[0]?.timescale.dueDate).toBe("2026-04-24");
  });

  it("notes when no owner or date could be found", () => {
    const t = vtt([["Asha Patel", "Action: circulate the safety plan to the family."]]);
    const action = draftMinutes({ meeting, transcript: t }).actions[0];
    expect(action?.notes).toMatch(/Owner to be confirmed/);
    expect(action?.notes).toMatch(/Date to be confirmed/);
  });
});

describe("timescales", () => {
  it.each([
    ["within 10 working days", () => addWorkingDays("2026-03-30", 10, "england-and-wales")],
    ["within five days", () => addDuration("2026-03-30", { kind: "days", amount: 5 }, "england-and-wales")],
    ["in three weeks", () => addDuration("2026-03-30", { kind: "weeks", amount: 3 }, "england-and-wales")],
    ["within 2 months", () => addDuration("2026-03-30", { kind: "months", amount: 2 }, "england-and-wales")],
  ])("resolves '%s' with the statutory clock", (phrase, expected) => {
    expect(findTimescale(`She will do it ${phrase}.`, "2026-03-30", "england-and-wales")).toMatchObject({
      text: phrase,
      dueDate: expected(),
    });
  });

  it("counts working days past the Easter bank holidays of the authority's nation", () => {
    // Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays in England and Wales.
    const found = findTimescale("within 5 working days", "2026-03-30", "england-and-wales");
    expect(found?.dueDate).toBe(addWorkingDays("2026-03-30", 5, "england-and-wales"));
    expect(found?.dueDate).not.toBe(
      addDuration("2026-03-30", { kind: "days", amount: 7 }, "england-and-wales"),
    );
  });

  it("resolves weekday and date phrases forward from the meeting with chrono-node", () => {
    expect(findTimescale("by Friday", "2026-03-30", "england-and-wales")?.dueDate).toBe("2026-04-03");
    expect(findTimescale("by 14 May", "2026-03-30", "england-and-wales")?.dueDate).toBe("2026-05-14");
    expect(findTimescale("by the end of the month", "2026-03-12", "england-and-wales")?.dueDate).toBe(
      "2026-03-31",
    );
  });

  it("keeps phrases with no date as text", () => {
    expect(findTimescale("before the next hearing", "2026-03-30", "england-and-wales")).toMatchObject({
      text: "before the next hearing",
    });
    expect(
      findTimescale("before the next hearing", "2026-03-30", "england-and-wales")?.dueDate,
    ).toBeUndefined();
  });
});

describe("a transcript without cue phrases", () => {
  it("leaves the child's views and contingency plan empty, so the minutes cannot be finalized (seed 001)", () => {
    const t = vtt([
      ["Asha Patel", "Thanks for coming, let's have an update since the last meeting."],
      ["Tom Reid", "School has been fine this term and attendance is good."],
    ]);
    const minutes = draftMinutes({ meeting: smallMeeting(), transcript: t });
    const reasons = missingSections(minutes, ["childs-views", "contingency-plan"]).map((m) => m.reason);
    expect(reasons.join("\n")).toMatch(/child's views/);
    expect(reasons.join("\n")).toMatch(/contingency plan/);
  });
});
