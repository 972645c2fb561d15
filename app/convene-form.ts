/**
 * The convene form: its fields turned into the same start-meeting body the JSON API takes
 * (domain/lifecycle/convene.ts), and the domain's errors put back beside the fields they name.
 * It decides nothing: the plan's checks and the convene rules run in the domain.
 */
import { roles } from "../domain/catalog/roles.ts";
import { triggerKinds } from "../domain/catalog/schema.ts";
import type { StaffPerson } from "../domain/directory/person.ts";
import { atLocalTime } from "../domain/lifecycle/time.ts";
import type { FieldError } from "./errors.ts";

export type FormValues = Record<string, string | string[]>;

/** Rows for invitees from outside the directory (more appear once these are used). */
export const otherRows = (values: FormValues) => {
  let used = 0;
  for (let i = 0; i < 50; i++)
    if (one(values, `other${i}Name`) || one(values, `other${i}Email`)) used = i + 1;
  return Math.max(4, used + 2);
};

/** A posted form's fields (repeated fields as lists; files are not form values). */
export async function readForm(c: {
  req: { parseBody(o: { all: true }): Promise<Record<string, unknown>> };
}): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

export function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
}
export function many(values: FormValues, name: string): string[] {
  const v = values[name] ?? values[`${name}[]`];
  return (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean);
}

const checked = (values: FormValues, name: string) => one(values, name) === "yes";

export function isoDate(values: FormValues, prefix: string): string | undefined {
  const day = one(values, `${prefix}-day`);
  const month = one(values, `${prefix}-month`);
  const year = one(values, `${prefix}-year`);
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** Form fields whose problems the domain names by these paths. */
const fieldOfPath: [RegExp, string][] = [
  [/^plan\.meetingType/, "meetingType"],
  [/^plan\.child\.reference/, "childReference"],
  [/^plan\.child\.name/, "childName"],
  [/^plan\.child\.(dateOfBirth|age)/, "childDob-day"],
  [/^plan\.trigger\.kind/, "triggerKind"],
  [/^plan\.trigger/, "triggerDate-day"],
  [/^plan\.proposedStart/, "startDate-day"],
  [/^plan\.durationMinutes/, "durationMinutes"],
  [/^plan\.onlineLink/, "onlineLink"],
  [/^plan\.chair/, "chair"],
  [/^plan\.invitees\.(\d+)\.(\w+)/, "invitee"],
  [/^plan\.invitees/, "staff"],
  [/^plan\.keyAgenciesNotInvited/, "keyAgenciesNotInvited"],
  [/^plan\.meetingSequence/, "meetingSequence"],
  [/^plan\.(complexOrContentious|chairAgreedWithTeamManager)/, "conditions"],
  [/^overrides\.(.+)$/, "override"],
];

export interface ConveneBody {
  body: { plan: Record<string, unknown>; overrides: Record<string, string> };
  /** Which form row each plan invitee came from (to put an invitee's error beside its row). */
  inviteeFields: string[];
  /** Problems found before the domain sees the request (a time that is not a time). */
  errors: FieldError[];
}

export function conveneBody(values: FormValues, directory: StaffPerson[], timezone: string): ConveneBody {
  const errors: FieldError[] = [];
  const staff = new Map(directory.map((p) => [p.email, p]));
  const chair = staff.get(one(values, "chair"));
  const invitees: Record<string, string>[] = [];
  const inviteeFields: string[] = [];
  for (const email of many(values, "staff")) {
    const person = staff.get(email);
    if (!person || email === chair?.email) continue;
    invitees.push({ name: person.name, email: person.email, role: person.role, agency: person.agency });
    inviteeFields.push("staff");
  }
  for (let i = 0; i < 50; i++) {
    const name = one(values, `other${i}Name`);
    const email = one(values, `other${i}Email`);
    const role = one(values, `other${i}Role`);
    const agency = one(values, `other${i}Agency`);
    if (!name && !email && !agency) continue;
    invitees.push({ name, email, role, agency });
    inviteeFields.push(`other${i}Name`);
  }
  const date = isoDate(values, "startDate");
  const time = one(values, "startTime");
  let proposedStart = "";
  if (!date) errors.push({ field: "startDate-day", message: "Enter the date of the meeting" });
  else if (!/^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.test(time))
    errors.push({
      field: "startTime",
      message: "Enter the start time as hours and minutes, for example 10:30",
    });
  else {
    const [, h, m] = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(time) ?? [];
    const at = atLocalTime(date, `${(h ?? "").padStart(2, "0")}:${m}`, timezone);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) < "1900")
      errors.push({ field: "startDate-day", message: "Enter a real date, for example 27 3 2027" });
    else proposedStart = at.toISOString();
  }
  const triggerKind = one(values, "triggerKind");
  const triggerDate = isoDate(values, "triggerDate");
  const dob = isoDate(values, "childDob");
  const sequence = one(values, "meetingSequence");
  const duration = one(values, "durationMinutes");
  const plan: Record<string, unknown> = {
    meetingType: one(values, "meetingType"),
    child: {
      reference: one(values, "childReference"),
      ...(one(values, "childName") ? { name: one(values, "childName") } : {}),
      ...(dob ? { dateOfBirth: dob } : {}),
    },
    ...(triggerKind && (triggerKinds as readonly string[]).includes(triggerKind) && triggerKind !== "none"
      ? { trigger: { kind: triggerKind, date: triggerDate ?? "" } }
      : {}),
    proposedStart,
    durationMinutes: /^\d{1,4}$/.test(duration) ? Number(duration) : duration || 60,
    ...(one(values, "onlineLink") ? { onlineLink: one(values, "onlineLink") } : {}),
    chair: chair
      ? { name: chair.name, email: chair.email, role: chair.role, agency: chair.agency }
      : { name: "", email: one(values, "chair"), role: "social-worker" },
    invitees,
    keyAgenciesNotInvited: one(values, "keyAgenciesNotInvited")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const [agency, ...rest] = line.split(":");
        const rationale = rest.join(":").trim();
        return { agency: (agency ?? "").trim(), ...(rationale ? { rationale } : {}) };
      }),
    ...(sequence ? { meetingSequence: /^\d+$/.test(sequence) ? Number(sequence) : sequence } : {}),
    ...(checked(values, "complexOrContentious") ? { complexOrContentious: true } : {}),
    ...(checked(values, "chairAgreedWithTeamManager") ? { chairAgreedWithTeamManager: true } : {}),
    ...(checked(values, "inCareProceedings") ? { inCareProceedings: true } : {}),
    ...(checked(values, "caseAllocatedToStudent") ? { caseAllocatedToStudent: true } : {}),
    ...(checked(values, "courtPermission") ? { courtPermission: { recorded: true } } : {}),
  };
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith("override:")) continue;
    const reason = (Array.isArray(value) ? value[0] : value)?.trim();
    if (reason) overrides[key.slice("override:".length)] = reason;
  }
  return { body: { plan, overrides }, inviteeFields, errors };
}

/** The form field a domain problem belongs beside (`href` for the error summary). */
export function fieldFor(path: string, inviteeFields: string[]): string {
  for (const [pattern, field] of fieldOfPath) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (field === "invitee") {
      const row = inviteeFields[Number(match[1])] ?? "staff";
      if (row === "staff") return "staff";
      const column =
        match[2] === "email"
          ? "Email"
          : match[2] === "role"
            ? "Role"
            : match[2] === "agency"
              ? "Agency"
              : "Name";
      return row.replace(/Name$/, column);
    }
    if (field === "override") return `override:${match[1]}`;
    return field;
  }
  return "meetingType";
}

export const roleItems = (selected: string) => [
  { value: "", text: "Choose a role" },
  ...roles.map((r) => ({ value: r.id, text: r.name, selected: r.id === selected })),
];
