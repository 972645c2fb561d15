import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { parseSpeakerMapping } from "../../domain/lifecycle/replies.ts";
import { parseVtt } from "../../domain/transcript/index.ts";
import { demoInput, holdWithEveryone, startTestRuntime, type TestRuntime } from "./support.ts";

const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

/** The demo meeting as Amazon Transcribe writes it: words with times and spk_N labels, no names. */
async function transcribeJson(): Promise<{ json: string; labels: Map<string, string> }> {
  const vtt = parseVtt(await readFile("examples/demo/professionals-meeting.vtt", "utf8"), "demo.vtt");
  const labels = new Map<string, string>();
  const items: unknown[] = [];
  for (const segment of vtt.segments) {
    if (!labels.has(segment.speaker)) labels.set(segment.speaker, `spk_${labels.size}`);
    const words = segment.text.split(/\s+/).filter(Boolean);
    const step = (segment.end - segment.start) / Math.max(1, words.length);
    words.forEach((word, i) => {
      const bare = word.replace(/[.,;:?!]+$/, "");
      const start = segment.start + i * step;
      items.push({
        type: "pronunciation",
        start_time: start.toFixed(2),
        end_time: (start + step).toFixed(2),
        alternatives: [{ confidence: "0.99", content: bare }],
        speaker_label: labels.get(segment.speaker),
      });
      const punctuation = word.slice(bare.length);
      if (punctuation)
        items.push({
          type: "punctuation",
          alternatives: [{ confidence: "0.0", content: punctuation[0] }],
          speaker_label: labels.get(segment.speaker),
        });
    });
  }
  const json = JSON.stringify({
    jobName: "convene-demo",
    status: "COMPLETED",
    results: { transcripts: [{ transcript: "" }], items },
  });
  return { json, labels };
}

describe("naming the speakers of an Amazon Transcribe transcript", () => {
  it("reads the chair's 'spk_0 = Name' lines", () => {
    expect(
      parseSpeakerMapping("Approved once named:\nspk_0 = Priya Shah\nspk_1: Tom Hughes.\nThanks"),
    ).toEqual({
      spk_0: "Priya Shah",
      spk_1: "Tom Hughes",
    });
    expect(parseSpeakerMapping("Approved.")).toEqual({});
  });

  it("asks the chair to name unknown speakers, and drafts again with the names when the chair replies", async () => {
    const { json, labels } = await transcribeJson();
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    await holdWithEveryone(t.runtime, meeting);
    await t.runtime.uploadTranscript(meeting.id, new TextEncoder().encode(json), "transcribe.json");
    const request = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    expect(request?.text).toContain("Convene could not name: spk_0");
    const v1 = await t.runtime.store.getMinutesVersion(meeting.id, 1);
    // Without names, the draft can only attribute what was said to the labels.
    expect(JSON.stringify(v1.minutes)).toMatch(/spk_\d/);

    const lines = [...labels].map(([name, label]) => `${label} = ${name}`).join("\n");
    if (!request) throw new Error("no approval request to the chair");
    const outcome = await applyRawReply(t.runtime.replyDesk(), await replyTo(request, meeting.chair, lines));
    expect(outcome).toMatchObject({ status: "applied" });
    await t.runtime.settle();
    const after = await t.runtime.store.getMeeting(meeting.id);
    expect(after.minutesVersion).toBe(2);
    expect(after.speakerMap?.spk_0).toBe("Priya Shah");
    const v2 = await t.runtime.store.getMinutesVersion(meeting.id, 2);
    const actions = (v2.minutes as { actions: Array<{ responsible: { name?: string } }> }).actions;
    expect(actions.map((a) => a.responsible.name)).toContain("Owen Price");
    expect(JSON.stringify(v2.minutes)).not.toMatch(/spk_\d/);
    // Version 2 goes back out to everyone, and no longer asks the chair to name anyone.
    const again = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    expect(again?.subject).toMatch(/v2/);
    expect(again?.text).not.toContain("could not name");
  }, 60_000);
});
