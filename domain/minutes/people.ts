/**
 * Who is who in a transcript: transcript speakers matched to attendees, and people named in a
 * sentence by full name, first name, title and surname, or role words ("the social worker",
 * "SENCo", "GP"). Role words come from the role catalog of spec domain.md section 2.
 */
import { speakerName } from "../transcript/index.ts";
import type { MeetingForMinutes } from "./meeting.ts";

/** Someone the minutes can name: an attendee, or someone who sent apologies. */
export interface Person {
  name: string;
  role: string;
  agency?: string;
  email?: string;
  present: boolean;
}

/**
 * Role words people say for the roles of spec domain.md section 2. Each group lists phrases; a
 * person whose role contains any phrase of a group is matched when a sentence says any phrase of it.
 */
export const roleAliases: readonly (readonly string[])[] = [
  ["social worker", "allocated social worker", "allocated worker"],
  ["independent reviewing officer", "iro", "reviewing officer"],
  ["senco", "special educational needs co-ordinator", "special educational needs coordinator"],
  ["gp", "general practitioner", "family doctor"],
  ["children's guardian", "childrens guardian", "child's guardian", "guardian"],
  ["designated safeguarding lead", "dsl"],
  ["health visitor"],
  ["school nurse"],
  ["camhs"],
  ["virtual school"],
  ["head teacher", "headteacher"],
  ["class teacher", "specialist teacher"],
  ["educational psychologist"],
  ["occupational therapist"],
  ["speech and language therapist", "salt", "speech therapist"],
  ["team manager"],
  ["service manager"],
  ["advanced practitioner"],
  ["practice supervisor"],
  ["family support worker"],
  ["contact supervisor"],
  ["parent advocate"],
  ["housing officer", "housing"],
  ["police"],
  ["local authority solicitor", "la solicitor", "la legal adviser", "legal adviser"],
  ["child's solicitor", "childs solicitor"],
  ["ehcp coordinator", "send caseworker", "send team", "ehcp team"],
  ["short breaks"],
  ["fostering social worker", "supervising social worker"],
  ["integrated care board", "icb"],
  ["clinician", "paediatrician"],
];

/** Normalizes for matching: lower case, straight apostrophes, single spaces. */
export function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Smith, Jane (Social Worker)" → "jane smith". */
function canonicalName(name: string): string {
  const bare = name.replace(/\([^)]*\)/g, " ").trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(bare);
  return norm(comma ? `${comma[2]} ${comma[1]}` : bare).replace(/^(?:dr|mr|mrs|ms|miss|mx|prof) /, "");
}

export interface Mention {
  person: Person;
  index: number;
  length: number;
}

/** Everyone in the meeting, with the lookups the drafter needs. */
export interface Directory {
  people: Person[];
  /** The attendee a transcript speaker is, if known. */
  speaker(label: string): Person | undefined;
  /** People named in `sentence`, earliest first. */
  mentions(sentence: string): Mention[];
}

/** Builds the directory for a meeting. */
export function buildDirectory(meeting: MeetingForMinutes): Directory {
  const people: Person[] = [
    ...meeting.attendees.map((a) => ({
      name: a.name,
      role: a.role,
      agency: a.agency,
      email: a.email,
      present: true,
    })),
    ...meeting.apologies.map((a) => ({
      name: a.name,
      role: a.role,
      agency: a.agency,
      email: a.email,
      present: false,
    })),
  ];
  const firstNames = new Map<string, number>();
  for (const p of people) {
    const first = canonicalName(p.name).split(" ")[0] ?? "";
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  // Phrases to look for, longest first, each pointing at one person.
  const phrases: { phrase: string; person: Person }[] = [];
  for (const p of people) {
    const full = canonicalName(p.name);
    const parts = full.split(" ");
    const first = parts[0] ?? "";
    const last = parts.at(-1) ?? "";
    phrases.push({ phrase: full, person: p });
    if (first.length > 1 && firstNames.get(first) === 1) phrases.push({ phrase: first, person: p });
    if (parts.length > 1) {
      for (const title of ["mr", "mrs", "ms", "miss", "dr"])
        phrases.push({ phrase: `${title} ${last}`, person: p });
    }
    const role = norm(p.role);
    phrases.push({ phrase: role, person: p });
    for (const group of roleAliases) {
      if (group.some((alias) => containsWords(role, alias))) {
        for (const alias of group)
          if (rolesSharing(people, group) === 1) phrases.push({ phrase: alias, person: p });
      }
    }
  }
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const compiled = phrases
    .filter((p) => p.phrase.length > 1)
    .map((p) => ({
      ...p,
      lower: p.phrase.toLowerCase(),
      re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p.phrase)}(?![\\p{L}\\p{N}])`, "iu"),
    }));

  const bySpeaker = new Map<string, Person | undefined>();
  const speaker = (label: string): Person | undefined => {
    if (bySpeaker.has(label)) return bySpeaker.get(label);
    const wanted = canonicalName(speakerName(meeting.speakers, label));
    const found =
      people.find((p) => canonicalName(p.name) === wanted) ??
      people.find((p) => {
        const parts = canonicalName(p.name).split(" ");
        const w = wanted.split(" ");
        return parts[0] === w[0] && parts.at(-1) === w.at(-1);
      }) ??
      people.find((p) => {
        const first = canonicalName(p.name).split(" ")[0] ?? "";
        return first === wanted && firstNames.get(first) === 1;
      });
    bySpeaker.set(label, found);
    return found;
  };

  const mentions = (sentence: string): Mention[] => {
    const text = sentence.replace(/[’‘]/g, "'");
    const lower = text.toLowerCase();
    const found: Mention[] = [];
    for (const c of compiled) {
      // Most phrases are not in a given sentence: a plain substring test spares their regular expressions.
      if (!lower.includes(c.lower)) continue;
      const m = c.re.exec(text);
      if (!m) continue;
      const overlaps = found.some((f) => m.index < f.index + f.length && f.index < m.index + m[0].length);
      if (!overlaps) found.push({ person: c.person, index: m.index, length: m[0].length });
    }
    return found.sort((a, b) => a.index - b.index);
  };

  return { people, speaker, mentions };
}

/** How many people hold a role in `group`: an alias is only a name when it picks out one person. */
function rolesSharing(people: Person[], group: readonly string[]): number {
  return people.filter((p) => group.some((alias) => containsWords(norm(p.role), alias))).length;
}

function containsWords(haystack: string, needle: string): boolean {
  if (!haystack.includes(needle)) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, "u").test(haystack);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
