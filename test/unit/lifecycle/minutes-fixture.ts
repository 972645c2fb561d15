/**
 * The real minutes port (pure document work over the demo authority's catalog) and a meeting's
 * transcript, for the use cases whose minutes are drafted, rendered or amended in a unit test.
 */
import { loadAuthorityFile } from "../../../adapters/config/load-authority.ts";
import { DocumentMinutes } from "../../../adapters/minutes/document-minutes.ts";
import { applyAuthority } from "../../../domain/authority/index.ts";
import { loadCatalog } from "../../../domain/catalog/index.ts";
import type { Answer, Meeting } from "../../../domain/lifecycle/model.ts";
import type { Minutes } from "../../../domain/minutes/model.ts";

const authority = await loadAuthorityFile("authorities/demo.json");
export const minutesPort = new DocumentMinutes(applyAuthority(loadCatalog(), authority), authority);

/** A Professionals Meeting about Jay: two actions, the child's views and a contingency plan. */
export const transcript = `WEBVTT

00:00:01.000 --> 00:00:08.000
<v Chris Chair>Welcome. This professionals meeting is about Jay's attendance and health.

00:00:09.000 --> 00:00:20.000
<v Mark Bell>Attendance is at 82 percent this term. Action: Mark Bell to share the attendance record by 15 July 2026.

00:00:21.000 --> 00:00:30.000
<v Dr Aisha Karim>The CAMHS assessment is booked. Action: Dr Aisha Karim to complete the CAMHS assessment by 24 July 2026.

00:00:31.000 --> 00:00:40.000
<v Chris Chair>The child's views: Jay told me he wants to stay at Oakfield and feels safe there. His views have shaped the plan: he stays at Oakfield with extra support.

00:00:41.000 --> 00:00:50.000
<v Chris Chair>Contingency: if attendance does not improve by half term we will hold an early review.
`;

/** The same meeting without the child's views or a contingency plan (seed 001 blocks finalising). */
export const transcriptWithoutViews = transcript.split("\n\n00:00:31")[0] ?? "";

export const vtt = (text: string) => ({ bytes: new TextEncoder().encode(text), filename: "meeting.vtt" });

/** Minutes drafted by the real port: from `text` as a VTT transcript, or the type's template without one. */
export function drafted(meeting: Meeting, answers: Answer[], text?: string): Promise<Minutes> {
  return minutesPort.draft(meeting, answers, text === undefined ? undefined : vtt(text));
}
