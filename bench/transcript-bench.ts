/**
 * Benchmark (issue 5): a 90-minute, 12-speaker, ~15,000-word Teams-style WebVTT transcript,
 * generated deterministically from a seed, imported and drafted into minutes. Target: under 5 s.
 * Run directly: `node --import tsx bench/transcript-bench.ts`.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { importTranscript } from "#adapters/transcript/import.ts";
import { draftMinutes, type MeetingForMinutes, meetingForMinutesSchema } from "#domain/minutes/index.ts";
import { secondsToClock } from "#domain/transcript/index.ts";
import { seededRandom } from "../adapters/local/seeded-random.ts";

export interface TranscriptBenchResult {
  importMs: number;
  draftMs: number;
  words: number;
  speakers: number;
  segments: number;
  peakRssMb: number;
}

const people: [string, string][] = [
  ["Hannah Okafor", "Child's solicitor"],
  ["Priya Shah", "Allocated social worker"],
  ["Daniel Evans", "Team manager"],
  ["Margaret Doyle", "Children's Guardian"],
  ["Sam Whitfield", "GP"],
  ["Ruth Adebayo", "SENCo"],
  ["Tom Reilly", "CAMHS clinician"],
  ["Grace Lin", "Independent Reviewing Officer"],
  ["Aisha Khan", "Parent advocate"],
  ["Neil Morgan", "Family support worker"],
  ["Olu Bakare", "Virtual school head"],
  ["Fiona Grant", "Health visitor"],
];

const agenda = [
  "Allocated social worker's update on the family, intervention and support",
  "Professionals and services involved, support offered and engagement",
  "The child's global needs: diagnoses, health, education and the EHCP",
  "Whether to apply for permission to instruct independent experts",
  "Mother's needs and reasonable adjustments",
  "Managing a move if the court sanctions interim separation",
  "Any other issues specific to the case",
  "Whether a follow up meeting is required",
];

const talk = [
  "I think the picture at home has been mixed over the last few weeks, with some better days and some harder ones",
  "From our side the engagement has been reasonable although appointments have been missed on two occasions",
  "School have noticed that he is more settled in the mornings when the routine at home has gone well",
  "We need to be careful that the assessment takes account of the support the family is entitled to receive",
  "The concern is that the evenings remain very difficult and mum is struggling to manage on her own",
  "There is a waiting list for the service but we can ask for the referral to be prioritised given the proceedings",
  "I would want to understand more about how the sensory needs are being met in the classroom",
  "My worry is that without respite the placement at home will come under more pressure over the summer",
  "The reports we have seen so far suggest that the needs are not yet fully understood by everyone involved",
  "It would help the court to have a clear plan with timescales that everyone has agreed to today",
];
const actionsSaid = [
  "I will send the updated chronology to everyone by next Friday",
  "I'll make the referral to the short breaks team within 10 working days",
  "I will arrange a home visit with mum within two weeks",
  "I will write to the paediatrician to request the assessment by the end of the month",
];
const decisionsSaid = [
  "We have agreed that the plan will be reviewed at the next professionals meeting",
  "It was agreed that the parenting assessment will include the adjustments mum needs",
];

/** Generates the benchmark transcript as Teams writes WebVTT. */
export function generateBenchTranscript(options: { seed?: number; minutes?: number; words?: number } = {}): {
  vtt: string;
  words: number;
} {
  const random = seededRandom(options.seed ?? 20260312);
  const total = (options.minutes ?? 90) * 60;
  const targetWords = options.words ?? 15_000;
  const secondsPerWord = total / targetWords;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines = ["WEBVTT", ""];
  let at = 1.5;
  let words = 0;
  let cue = 0;
  let item = 0;
  const itemEvery = total / agenda.length;
  while (words < targetWords) {
    let speaker = pick(people)[0];
    let text: string;
    if (at >= item * itemEvery && item < agenda.length) {
      item += 1;
      speaker = "Hannah Okafor";
      text = `Moving on to item ${item}, ${agenda[item - 1]?.toLowerCase()}.`;
    } else {
      const r = random();
      text = r < 0.03 ? `${pick(actionsSaid)}.` : r < 0.05 ? `${pick(decisionsSaid)}.` : `${pick(talk)}.`;
      if (random() < 0.4) text += ` ${pick(talk)}.`;
    }
    const n = text.split(/\s+/).length;
    const duration = n * secondsPerWord * (0.85 + random() * 0.3);
    lines.push(
      `0c6d2b79-f5a1-4e3b-9d2c-7a5e8b1f3c4d/${cue}-0`,
      `${secondsToClock(at)} --> ${secondsToClock(at + duration)}`,
    );
    lines.push(`<v ${speaker}>${text}</v>`, "");
    at += duration + random() * 0.2;
    words += n;
    cue += 1;
  }
  return { vtt: lines.join("\n"), words };
}

function benchMeeting(): MeetingForMinutes {
  return meetingForMinutesSchema.parse({
    type: "professionals-meeting",
    child: { reference: "CR-BENCH-1", name: "Leo Marsh" },
    date: "2026-03-12",
    time: "10:00",
    nation: "england-and-wales",
    attendees: people.map(([name, role], i) => ({ name, role, chair: i === 0 })),
    agenda,
  });
}

/** Generates, imports and drafts; returns the timings and sizes. */
export async function runTranscriptBench(): Promise<TranscriptBenchResult> {
  const { vtt, words } = generateBenchTranscript();
  const meeting = benchMeeting();
  const t0 = performance.now();
  const transcript = await importTranscript({ text: vtt, filename: "bench.vtt" }, "auto");
  const t1 = performance.now();
  draftMinutes({ meeting, transcript });
  const t2 = performance.now();
  return {
    importMs: Math.round(t1 - t0),
    draftMs: Math.round(t2 - t1),
    words,
    speakers: transcript.speakers.length,
    segments: transcript.segments.length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await runTranscriptBench();
  process.stdout.write(
    `transcript bench: ${r.words} words, ${r.speakers} speakers, ${r.segments} segments; import ${r.importMs} ms, draft ${r.draftMs} ms, peak RSS ${r.peakRssMb} MB\n`,
  );
}
