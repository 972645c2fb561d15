import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { importTranscript } from "#adapters/transcript/import.ts";
import { type MeetingForMinutes, meetingForMinutesSchema } from "#domain/minutes/index.ts";
import { parseTranscriptText, type Transcript } from "#domain/transcript/index.ts";

export const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));

export async function exampleMeeting(): Promise<MeetingForMinutes> {
  return meetingForMinutesSchema.parse(
    JSON.parse(await readFile(`${examples}meeting-professionals.json`, "utf8")),
  );
}

export async function exampleTranscript(): Promise<Transcript> {
  return importTranscript({
    bytes: await readFile(`${examples}transcript-professionals.vtt`),
    filename: "example.vtt",
  });
}

/** A small meeting for focused tests. */
export function smallMeeting(overrides: Record<string, unknown> = {}): MeetingForMinutes {
  return meetingForMinutesSchema.parse({
    type: "child-and-family-progress-meeting",
    child: { reference: "CR-1", name: "Mia Jones" },
    date: "2026-03-30",
    time: "14:00",
    nation: "england-and-wales",
    attendees: [
      {
        name: "Asha Patel",
        role: "Allocated social worker",
        agency: "Children's Social Care",
        email: "asha@council.example",
        chair: true,
      },
      { name: "Tom Reid", role: "SENCo", agency: "Oak School", email: "tom@oak.example" },
      { name: "Dr Lena Ford", role: "GP", agency: "Park Surgery", email: "lena@park.example" },
      { name: "Jo Jones", role: "Mother" },
    ],
    apologies: [{ name: "Ben Cole", role: "Health visitor" }],
    agenda: ["Update since the last meeting", "School and health", "Safety plan and next steps"],
    ...overrides,
  });
}

/** A VTT transcript from [speaker, text] lines, 10 s apart. */
export function vtt(lines: [string, string][]): Transcript {
  const cues = lines.map(([who, text], i) => {
    const pad = (n: number) => String(n).padStart(2, "0");
    const at = (s: number) => `00:${pad(Math.floor(s / 60))}:${pad(s % 60)}.000`;
    return `${at(i * 10)} --> ${at(i * 10 + 9)}\n<v ${who}>${text}</v>`;
  });
  return parseTranscriptText({ text: `WEBVTT\n\n${cues.join("\n\n")}\n`, filename: "t.vtt" });
}
