/**
 * The optional generative drafter (issue 5, section 3): a model on Amazon Bedrock, switched on per
 * authority, behind the same DraftingPort as the deterministic drafter. The Bedrock client is not
 * created here: the composition root passes `invoke` (prompt in, model text out). The model's
 * output passes the same validation as every draft and is marked machine-drafted; the sections
 * the meeting record already holds (header, attendees, apologies, pre-reading, purpose) are taken
 * from the record, never from the model.
 */
import {
  type DraftInput,
  type DraftingPort,
  type Minutes,
  MinutesValidationError,
  recordSections,
  validateDraft,
} from "#domain/minutes/index.ts";
import { secondsToMark } from "#domain/transcript/index.ts";

/** Sends a prompt to the model and returns its text reply. */
export type InvokeModel = (prompt: string) => Promise<string>;

export class GenerativeDrafter implements DraftingPort {
  constructor(private readonly invoke: InvokeModel) {}

  /**
   * Asks the model for the transcript-derived sections as JSON, then validates them.
   * @throws MinutesValidationError when the reply is not JSON or fails validation.
   */
  async draft(input: DraftInput): Promise<Minutes> {
    const reply = await this.invoke(buildPrompt(input));
    const json = extractJson(reply);
    const fromModel = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
    return validateDraft({ ...fromModel, ...recordSections(input.meeting), machineDrafted: true }, input);
  }
}

/** The prompt: the template's sections, the agenda, the people, and the timed transcript. */
export function buildPrompt(input: DraftInput): string {
  const { meeting, transcript } = input;
  const people = [...meeting.attendees, ...meeting.apologies].map(
    (p) => `- ${p.name}, ${p.role}${p.agency ? `, ${p.agency}` : ""}`,
  );
  const agenda = meeting.agenda.map((a, i) => `${i + 1}. ${a.title}`);
  const lines = transcript.segments.map(
    (s) => `[${s.start.toFixed(1)}-${s.end.toFixed(1)} ${secondsToMark(s.start)}] ${s.speaker}: ${s.text}`,
  );
  return [
    "You draft the minutes of a multi-agency meeting in children's social care in England.",
    "Use only what was said in the transcript. Do not invent people, dates or decisions.",
    "Reply with one JSON object and nothing else, with these keys:",
    "  agendaItems: [{ number, title (exactly as in the agenda), discussion (one point per line), sourceRefs: [{ start, end }] (one per line) }]",
    "  childsViews: { views, influence, notActedOnWhy?, sourceRefs }",
    "  keyPoints: [{ text, sourceRef? }]",
    "  decisions: [{ text, sourceRef? }]",
    '  actions: [{ number (1..n), action, timescale: { text, dueDate? "YYYY-MM-DD" }, responsible: { name?, role?, department? }, notes, sourceRef? }]',
    "  contingencyPlan: { text, sourceRefs }, progressMeasures: { text, sourceRefs }",
    '  nextReview: { date? "YYYY-MM-DD", text?, sourceRef? }',
    "sourceRef times are seconds from the start of the recording, from the transcript's [start-end] marks.",
    "Responsible names must be people listed below.",
    "",
    `Meeting: ${meeting.type} on ${meeting.date} at ${meeting.time}, child ${meeting.child.reference}.`,
    "People:",
    ...people,
    "Agenda:",
    ...agenda,
    "",
    "Transcript:",
    ...lines,
  ].join("\n");
}

/** The JSON object in a model reply, with or without a ```json fence or surrounding words. */
export function extractJson(reply: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(reply);
  const body = fenced?.[1] ?? reply;
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  if (start < 0 || end <= start) {
    throw new MinutesValidationError("generative draft: the model's reply holds no JSON object");
  }
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MinutesValidationError(`generative draft: the model's reply is not valid JSON (${reason})`);
  }
}
