/**
 * Drafting minutes from a transcript (issue 5, section 3). The DraftingPort is what the lifecycle
 * calls; the DeterministicDrafter implements it everywhere (locally, in tests, in the cloud) and a
 * generative drafter (adapters/documents/bedrock-drafter.ts) sits behind the same port. Every
 * drafter's output goes through {@link validateDraft}.
 *
 * Primary course of the deterministic drafter:
 * 1. Split the transcript into sentences, each with its speaker and time.
 * 2. Copy what the meeting record already knows: header, attendees, apologies, pre-reading, purpose.
 * 3. Find where each agenda item starts (chair's cue phrases, item numbers, title words).
 * 4. Pick each item's discussion points, decisions and actions (owner matched to attendees by
 *    name and role, timescale resolved by chrono-node and the statutory clock).
 * 5. Gather the child's views and their influence, key points, contingency plan, progress
 *    measures and the next review date.
 * 6. Validate the result against the schema, the meeting and the transcript.
 */
import { isoDateSchema } from "#domain/clock/index.ts";
import { secondsToMark, type Transcript, transcriptDuration } from "#domain/transcript/index.ts";
import {
  agencyCommitment,
  agendaNumber,
  agendaTransition,
  cardinalWords,
  childViewCues,
  commitmentAfterOwner,
  contingencyCues,
  decisionCues,
  departmentCue,
  explicitActionCue,
  firstPersonCommitment,
  influenceCues,
  keyPointCues,
  meetingTalkVerbs,
  nextAgendaItem,
  nextReviewCues,
  notActedOnCues,
  progressCues,
  requestToNamed,
  taskVerbs,
} from "./cues.ts";
import { chairOf, type MeetingForMinutes, titleForType } from "./meeting.ts";
import { type Action, type Minutes, MinutesValidationError, minutesSchema, type SourceRef } from "./model.ts";
import { buildDirectory, type Directory, norm, type Person } from "./people.ts";
import { type Sentence, toSentences, wordCount } from "./sentences.ts";
import { findDate, findTimescale } from "./timescales.ts";

/** What a drafter is given: the meeting record and its (speaker-mapped) transcript. */
export interface DraftInput {
  meeting: MeetingForMinutes;
  transcript: Transcript;
}

/** The port the lifecycle drafts through; deterministic and generative drafters implement it. */
export interface DraftingPort {
  draft(input: DraftInput): Promise<Minutes>;
}

/** The rule-based drafter: same input, same minutes, no network. */
export class DeterministicDrafter implements DraftingPort {
  async draft(input: DraftInput): Promise<Minutes> {
    return draftMinutes(input);
  }
}

/** Discussion points kept per agenda item. */
const pointsPerItem = 6;
const maxViews = 6;
const maxNarrative = 6;
const maxKeyPoints = 10;

/**
 * Drafts minutes deterministically.
 * @example draftMinutes({ meeting, transcript }).actions[0]?.timescale // { text: "by next Friday", dueDate: "2026-03-20" }
 */
export function draftMinutes(input: DraftInput): Minutes {
  const { meeting, transcript } = input;
  // 1. Sentences and people.
  const sentences = toSentences(transcript);
  const people = buildDirectory(meeting);
  const who = (s: Sentence) => speakerLabel(s, people);
  const ref = (s: Sentence): SourceRef => ({ start: s.start, end: s.end });

  // 3. Agenda items.
  const itemOf = assignAgendaItems(sentences, meeting);
  const usedForDiscussion = new Set<number>();

  // 4. Decisions and actions.
  const decisions: Minutes["decisions"] = [];
  const rawActions: Omit<Action, "number">[] = [];
  for (const s of sentences) {
    if (isDecision(s.text)) {
      const text = capitalize(stripFillers(s.text.replace(/^(?:\W*\w+,\s*)?decision\s*[:\-–]\s*/i, "")));
      if (!decisions.some((d) => similar(d.text, text))) decisions.push({ text, sourceRef: ref(s) });
    }
    const action = extractAction(s, people, meeting, itemOf[s.index] ?? 0);
    if (action) rawActions.push(action);
  }
  const actions = mergeActions(rawActions).map((a, i) => ({ ...a, number: i + 1 }));

  const agendaItems = meeting.agenda.map((item, i) => {
    const number = i + 1;
    const inItem = sentences.filter((s) => itemOf[s.index] === number);
    const titleWords = keywords(`${item.title} ${item.keywords.join(" ")}`);
    const picked = inItem
      .filter((s) => wordCount(s.text) >= 6)
      .map((s) => ({ s, score: scorePoint(s.text, titleWords) }))
      .sort((a, b) => b.score - a.score || a.s.start - b.s.start)
      .slice(0, pointsPerItem)
      .map((p) => p.s)
      .sort((a, b) => a.start - b.start);
    for (const s of picked) usedForDiscussion.add(s.index);
    return {
      number,
      title: item.title,
      discussion: picked.map((s) => `${who(s)}: ${capitalize(stripFillers(s.text))}`).join("\n"),
      sourceRefs: picked.map(ref),
    };
  });

  // 5. The child's views, key points, contingency, progress, next review.
  const childName = firstWord(meeting.child.name);
  const viewSentences = sentences.filter((s) => isChildView(s.text, childName)).slice(0, maxViews);
  const influenceSentences = sentences.filter((s) => influenceCues.some((re) => re.test(s.text))).slice(0, 4);
  const notActed = sentences.filter((s) => notActedOnCues.some((re) => re.test(s.text))).slice(0, 3);
  const childsViews: Minutes["childsViews"] = {
    views: viewSentences.map((s) => `${who(s)}: ${capitalize(stripFillers(s.text))}`).join("\n"),
    influence: influenceSentences.map((s) => capitalize(stripFillers(s.text))).join("\n"),
    ...(notActed.length > 0
      ? { notActedOnWhy: notActed.map((s) => capitalize(stripFillers(s.text))).join("\n") }
      : {}),
    sourceRefs: [...viewSentences, ...influenceSentences, ...notActed].map(ref),
  };

  const contingency = withFollowOn(
    sentences,
    sentences.filter((s) => contingencyCues.some((re) => re.test(s.text))),
  ).slice(0, maxNarrative);
  const progress = sentences.filter((s) => progressCues.some((re) => re.test(s.text))).slice(0, maxNarrative);

  let keyPoints: Minutes["keyPoints"] = sentences
    .filter(
      (s) => keyPointCues.some((re) => re.test(s.text)) && !isDecision(s.text) && wordCount(s.text) >= 5,
    )
    .slice(0, maxKeyPoints)
    .map((s) => ({ text: capitalize(stripFillers(s.text)), sourceRef: ref(s) }));
  if (keyPoints.length === 0) {
    keyPoints = agendaItems.flatMap((item) => {
      const first = item.discussion.split("\n")[0];
      const at = item.sourceRefs[0];
      return first ? [{ text: first.replace(/^[^:]+:\s*/, ""), ...(at ? { sourceRef: at } : {}) }] : [];
    });
  }

  const reviewSentences = sentences.filter((s) => nextReviewCues.some((re) => re.test(s.text)));
  let nextReview: Minutes["nextReview"] = {};
  for (const s of reviewSentences) {
    const found = findDate(s.text, meeting.date);
    if (found) nextReview = { date: found.date, text: capitalize(stripFillers(s.text)), sourceRef: ref(s) };
  }
  const lastReview = reviewSentences.at(-1);
  if (nextReview.date === undefined && lastReview) {
    nextReview = { text: capitalize(stripFillers(lastReview.text)), sourceRef: ref(lastReview) };
  }

  // 2. What the meeting record already says.
  const minutes: Minutes = {
    ...recordSections(meeting),
    agendaItems,
    childsViews,
    keyPoints,
    decisions,
    actions,
    contingencyPlan: {
      text: contingency.map((s) => capitalize(stripFillers(s.text))).join("\n"),
      sourceRefs: contingency.map(ref),
    },
    progressMeasures: {
      text: progress.map((s) => capitalize(stripFillers(s.text))).join("\n"),
      sourceRefs: progress.map(ref),
    },
    nextReview,
    machineDrafted: false,
  };
  // 6. Validate.
  return validateDraft(minutes, input);
}

/** The sections that come from the meeting record, not the transcript (same for every drafter). */
export function recordSections(
  meeting: MeetingForMinutes,
): Pick<
  Minutes,
  "header" | "attendees" | "apologies" | "preReading" | "purpose" | "restrictedSections" | "conveningNotes"
> {
  const chair = chairOf(meeting);
  return {
    header: {
      child: {
        reference: meeting.child.reference,
        ...(meeting.child.name ? { name: meeting.child.name } : {}),
      },
      meetingType: meeting.type,
      // "Professionals Meeting Agenda re [child]" (seed 000).
      title:
        meeting.title ?? `${titleForType(meeting.type)} re ${meeting.child.name ?? meeting.child.reference}`,
      date: meeting.date,
      time: meeting.time,
      ...(meeting.location ? { location: meeting.location } : {}),
      ...(meeting.onlineLink ? { onlineLink: meeting.onlineLink } : {}),
      ...(meeting.transcribedBy ? { transcribedBy: meeting.transcribedBy } : {}),
      ...(chair ? { chair: chair.name } : {}),
    },
    attendees: meeting.attendees.map((a) => ({
      name: a.name,
      role: a.role,
      ...(a.agency ? { agency: a.agency } : {}),
      ...(a.email ? { email: a.email } : {}),
    })),
    apologies: meeting.apologies.map((a) => ({
      name: a.name,
      role: a.role,
      ...(a.agency ? { agency: a.agency } : {}),
      ...(a.email ? { email: a.email } : {}),
      ...(a.writtenReport !== undefined ? { writtenReport: a.writtenReport } : {}),
    })),
    preReading: meeting.preReading,
    purpose: meeting.purpose,
    restrictedSections: meeting.restrictedSections,
    ...(meeting.conveningNotes.length > 0 ? { conveningNotes: meeting.conveningNotes } : {}),
  };
}

/**
 * Checks any drafter's output (the generative one's above all) against the minutes schema, the
 * meeting and the transcript: one section per agenda item in order, links inside the recording,
 * actions numbered 1…n, owners who were at (or sent apologies to) the meeting, due dates on or
 * after the meeting.
 * @throws MinutesValidationError listing what is wrong, in one message.
 */
export function validateDraft(candidate: unknown, input: DraftInput): Minutes {
  const parsed = minutesSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new MinutesValidationError(`draft minutes are not in the minutes template: ${summarize(problems)}`);
  }
  const minutes = parsed.data;
  const { meeting, transcript } = input;
  const problems: string[] = [];
  const titles = meeting.agenda.map((a) => a.title);
  if (
    minutes.agendaItems.length !== titles.length ||
    minutes.agendaItems.some((a, i) => a.title !== titles[i])
  ) {
    problems.push(`agendaItems: expected one section per agenda item, in order (${titles.length})`);
  }
  if (minutes.header.date !== meeting.date)
    problems.push(`header.date: expected the meeting date ${meeting.date}`);
  const limit = transcriptDuration(transcript) + 1;
  const refs: [string, SourceRef | undefined][] = [
    ...minutes.agendaItems.flatMap((a, i) =>
      a.sourceRefs.map((r, j) => [`agendaItems.${i}.sourceRefs.${j}`, r] as [string, SourceRef]),
    ),
    ...minutes.decisions.map(
      (d, i) => [`decisions.${i}.sourceRef`, d.sourceRef] as [string, SourceRef | undefined],
    ),
    ...minutes.actions.map(
      (a, i) => [`actions.${i}.sourceRef`, a.sourceRef] as [string, SourceRef | undefined],
    ),
    ...minutes.childsViews.sourceRefs.map(
      (r, i) => [`childsViews.sourceRefs.${i}`, r] as [string, SourceRef],
    ),
  ];
  for (const [path, r] of refs) {
    if (r && r.end > limit)
      problems.push(`${path}: points past the end of the recording (${secondsToMark(limit)})`);
  }
  const names = new Set([...meeting.attendees, ...meeting.apologies].map((p) => norm(p.name)));
  minutes.actions.forEach((a, i) => {
    if (a.number !== i + 1) problems.push(`actions.${i}.number: expected ${i + 1}`);
    if (a.responsible.name && !names.has(norm(a.responsible.name))) {
      problems.push(`actions.${i}.responsible.name: "${a.responsible.name}" is not an attendee or apology`);
    }
    if (a.timescale.dueDate && a.timescale.dueDate < meeting.date) {
      problems.push(`actions.${i}.timescale.dueDate: ${a.timescale.dueDate} is before the meeting`);
    }
  });
  if (minutes.nextReview.date && !isoDateSchema.safeParse(minutes.nextReview.date).success) {
    problems.push("nextReview.date: expected YYYY-MM-DD");
  }
  if (problems.length > 0)
    throw new MinutesValidationError(`draft minutes failed validation: ${summarize(problems)}`);
  return minutes;
}

function summarize(problems: string[]): string {
  const shown = problems.slice(0, 4).join("; ");
  return problems.length > 4 ? `${shown}; and ${problems.length - 4} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// Agenda items

/** The agenda item (1-based; 0 = before the first) each sentence belongs to. */
function assignAgendaItems(sentences: Sentence[], meeting: MeetingForMinutes): number[] {
  const n = meeting.agenda.length;
  const titles = meeting.agenda.map((a) => keywords(`${a.title} ${a.keywords.join(" ")}`));
  const out: number[] = [];
  let current = 0;
  let markers = 0;
  for (const s of sentences) {
    const next = agendaMarker(s.text, current, n, titles);
    if (next !== undefined && next > current) {
      current = next;
      markers += 1;
    }
    out.push(current);
  }
  if (markers > 0) return out;
  // No cue phrases at all: put each sentence under the item whose title it shares most words with.
  return sentences.map((s) => {
    const words = keywords(s.text);
    let best = 0;
    let bestScore = 1;
    titles.forEach((t, i) => {
      const score = overlap(words, t);
      if (score > bestScore) {
        best = i + 1;
        bestScore = score;
      }
    });
    return best;
  });
}

function agendaMarker(text: string, current: number, n: number, titles: Set<string>[]): number | undefined {
  const transition = agendaTransition.test(text);
  const numbered = agendaNumber.exec(text);
  if (numbered && (transition || numbered.index <= 16)) {
    const raw = (numbered[1] ?? "").toLowerCase();
    const k = /^\d+$/.test(raw) ? Number(raw) : cardinalWords[raw];
    if (k !== undefined && k >= 1 && k <= n) return k;
  }
  if (nextAgendaItem.test(text) && current < n) return current + 1;
  if (!transition) return undefined;
  const words = keywords(text);
  for (let k = current + 1; k <= Math.min(n, current + 2); k++) {
    const title = titles[k - 1] ?? new Set<string>();
    const shared = overlap(words, title);
    if (shared >= 2 && shared >= Math.min(3, Math.ceil(title.size * 0.4))) return k;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Actions

type Owner = { person: Person } | { department: string } | undefined;

function extractAction(
  s: Sentence,
  people: Directory,
  meeting: MeetingForMinutes,
  item: number,
): Omit<Action, "number"> | undefined {
  const text = s.text;
  let owner: Owner;
  let rest: string | undefined;
  let explicit = false;

  const explicitMatch = explicitActionCue.exec(text);
  if (explicitMatch) {
    explicit = true;
    const body = explicitMatch[2] ?? "";
    const named = explicitMatch[1] ? people.mentions(explicitMatch[1])[0] : undefined;
    if (named) owner = { person: named.person };
    const lead = people.mentions(body)[0];
    if (lead && lead.index <= 4) {
      const after = body.slice(lead.index + lead.length);
      const c = commitmentAfterOwner.exec(after);
      owner ??= { person: lead.person };
      rest = c ? after.slice(c.index + c[0].length - (c[1] ?? "").length) : after.replace(/^[\s,:-]+/, "");
    } else {
      rest = body;
      const fp = firstPersonCommitment.exec(body);
      if (fp && fp.index <= 3) {
        const me = people.speaker(s.speaker);
        if (me && !owner) owner = { person: me };
        rest = body.slice(fp.index + fp[0].length - (fp[1] ?? "").length);
      }
    }
  } else if (!text.trim().endsWith("?") || requestToNamed.test(text)) {
    const request = requestToNamed.exec(text);
    const requested = request ? people.mentions(request[1] ?? "")[0] : undefined;
    if (request && requested) {
      owner = { person: requested.person };
      rest = text.slice((request.index ?? 0) + request[0].length - (request[2] ?? "").length);
    }
    if (!rest) {
      for (const m of people.mentions(text)) {
        const after = text.slice(m.index + m.length);
        const c = commitmentAfterOwner.exec(after);
        if (!c) continue;
        const weak = /^(?:[\s,]*)(?:to|can|could)\s/i.test(after);
        const atStart = /^(?:\W*(?:so|and|then|okay|ok|right|action|the)\b[\s,:]*)*$/i.test(
          text.slice(0, m.index),
        );
        if (weak && !atStart) continue;
        owner = { person: m.person };
        rest = after.slice(c.index + c[0].length - (c[1] ?? "").length);
        break;
      }
    }
    if (!rest) {
      const dept = departmentCue.exec(text);
      if (dept) {
        owner = { department: capitalize(dept[1] ?? "") };
        rest = text.slice(dept.index + dept[0].length - (dept[2] ?? "").length);
      }
    }
    if (!rest) {
      const fp = firstPersonCommitment.exec(text);
      if (fp) {
        const me = people.speaker(s.speaker);
        owner = me ? { person: me } : undefined;
        rest = text.slice(fp.index + fp[0].length - (fp[1] ?? "").length);
      }
    }
    if (!rest) {
      const we = agencyCommitment.exec(text);
      const me = people.speaker(s.speaker);
      if (we && me?.agency) {
        owner = { department: me.agency };
        rest = text.slice(we.index + we[0].length - (we[1] ?? "").length);
      }
    }
  }
  if (rest === undefined) return undefined;
  const verb = (/^[\s,]*([a-z][\w'-]*)/i.exec(rest)?.[1] ?? "").toLowerCase();
  if (
    meetingTalkVerbs.has(verb) ||
    /^[\s,]*(?:start|begin)\s+(?:by|with|off|us|things|the meeting)\b/i.test(rest)
  ) {
    return undefined;
  }
  const timescale = findTimescale(text, meeting.date, meeting.nation);
  if (!explicit && !timescale && !taskVerbs.has(verb)) return undefined;

  let actionText = rest;
  if (timescale) actionText = actionText.replace(timescale.text, " ");
  actionText = capitalize(
    actionText
      .replace(
        /\b(?:please|if that's (?:ok|okay|alright|all right)|if that is (?:ok|okay)|okay|ok|yeah)\b[,.!?]*\s*$/i,
        "",
      )
      .replace(/\s+([,.;:!?])/g, "$1")
      .replace(/\s+/g, " ")
      .replace(/[\s,;:.!?-]+$/, "")
      .trim(),
  );
  if (wordCount(actionText) < 2) return undefined;
  const responsible: Action["responsible"] =
    owner && "person" in owner
      ? {
          name: owner.person.name,
          role: owner.person.role,
          ...(owner.person.agency ? { department: owner.person.agency } : {}),
          ...(owner.person.email ? { email: owner.person.email } : {}),
        }
      : owner
        ? { department: owner.department }
        : {};
  const notes = [
    item > 0 ? `Agenda item ${item}.` : "",
    owner ? "" : "Owner to be confirmed.",
    timescale?.dueDate ? "" : "Date to be confirmed.",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    action: actionText,
    timescale: { text: timescale?.text ?? "", ...(timescale?.dueDate ? { dueDate: timescale.dueDate } : {}) },
    responsible,
    notes,
    sourceRef: { start: s.start, end: s.end },
  };
}

/** Actions said twice (once agreed, once read back at the end) become one, details combined. */
function mergeActions(actions: Omit<Action, "number">[]): Omit<Action, "number">[] {
  const out: Omit<Action, "number">[] = [];
  for (const a of actions) {
    const same = out.find(
      (o) =>
        similar(o.action, a.action) &&
        (!o.responsible.name || !a.responsible.name || o.responsible.name === a.responsible.name),
    );
    if (!same) {
      out.push(a);
      continue;
    }
    if (!same.responsible.name && !same.responsible.department) same.responsible = a.responsible;
    if (!same.timescale.dueDate && a.timescale.dueDate) same.timescale = a.timescale;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const stopWords = new Set(
  (
    "a an and are as at be been but by can do for from has have he her his i if in into is it its me my no not of on " +
    "or our she so that the their them then there these they this to up us was we were what when where whether which " +
    "who will with would you your any all should need needs including item agenda point whether"
  ).split(" "),
);

function keywords(text: string): Set<string> {
  return new Set(
    norm(text)
      .split(" ")
      .map((w) => w.replace(/'s$/, ""))
      .filter((w) => w.length > 2 && !stopWords.has(w)),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n += 1;
  return n;
}

function similar(a: string, b: string): boolean {
  const x = keywords(a);
  const y = keywords(b);
  if (x.size === 0 || y.size === 0) return false;
  const shared = overlap(x, y);
  return shared / (x.size + y.size - shared) >= 0.6;
}

function scorePoint(text: string, titleWords: Set<string>): number {
  let score = Math.min(wordCount(text), 30) / 10 + overlap(keywords(text), titleWords) * 2;
  // The chair's "moving on to item 3" restates the title: the discussion is what follows.
  if (agendaNumber.test(text) || nextAgendaItem.test(text)) score -= 4;
  if (isDecision(text) || keyPointCues.some((re) => re.test(text))) score += 2;
  return score;
}

function isDecision(text: string): boolean {
  return !text.trim().endsWith("?") && decisionCues.some((re) => re.test(text));
}

function isChildView(text: string, childName: string | undefined): boolean {
  const named = childName ? new RegExp(`\\b${childName}\\b`, "i").test(text) : false;
  const aboutChild = named || /\b(?:the child|the young person|child's|young person's)\b/i.test(text);
  if (childName && new RegExp(`\\b${childName}'s (?:views|wishes|voice|feelings)\\b`, "i").test(text))
    return true;
  if (/\b(?:child's|young person's) (?:views|wishes|voice|feelings)\b/i.test(text)) return true;
  return aboutChild && childViewCues.slice(1).some((re) => re.test(text));
}

/** Adds the sentence after each match when it carries the thought on ("Then we would…"). */
function withFollowOn(all: Sentence[], matched: Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const s of matched) {
    if (!out.includes(s)) out.push(s);
    const next = all[s.index + 1];
    if (
      next &&
      next.speaker === s.speaker &&
      /^(?:then|we would|we'd|that would|in that case|the local authority would|the la would)\b/i.test(
        next.text,
      )
    ) {
      if (!out.includes(next)) out.push(next);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function speakerLabel(s: Sentence, people: Directory): string {
  const p = people.speaker(s.speaker);
  return p ? `${p.name} (${p.role})` : s.speaker;
}

const fillers =
  /^(?:(?:so|okay|ok|right|well|and|yes|yeah|um|uh|erm|er|great|good|thanks|thank you|alright)\b[,.!]?\s+)+/i;

function stripFillers(text: string): string {
  const stripped = text.replace(fillers, "").trim();
  return stripped.length > 0 ? stripped : text.trim();
}

function capitalize(text: string): string {
  return text.length > 0 ? (text[0]?.toUpperCase() ?? "") + text.slice(1) : text;
}

function firstWord(name: string | undefined): string | undefined {
  const w = name?.trim().split(/\s+/)[0];
  return w && /^[\p{L}'-]+$/u.test(w) ? w : undefined;
}
