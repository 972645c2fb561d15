/**
 * The chair's pages: my meetings, convene a meeting, and the meeting page with everything done to
 * a meeting from it (attendance, transcript, speakers, minutes, changes, approval, reschedule,
 * cancel). Each POST calls one use case and redirects (303) to the meeting page.
 */

import { type Context, Hono } from "hono";
import { z } from "zod";
import { findMeetingType } from "../../domain/catalog/index.ts";
import { triggerKinds } from "../../domain/catalog/schema.ts";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { conveneProblems } from "../../domain/lifecycle/convene-checks.ts";
import { StartMeetingError } from "../../domain/lifecycle/create-meeting.ts";
import { decideChange } from "../../domain/lifecycle/decide-change.ts";
import { editMinutes } from "../../domain/lifecycle/edit-minutes.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { mapSpeakers, unnamedSpeakers } from "../../domain/lifecycle/name-speakers.ts";
import { recordApproval } from "../../domain/lifecycle/record-approval.ts";
import { reschedule } from "../../domain/lifecycle/reschedule.ts";
import { formatLocal } from "../../domain/lifecycle/time.ts";
import { minutesEditSchema } from "../../domain/minutes/edit-sections.ts";
import { sectionHeadings } from "../../domain/minutes/model.ts";
import { planMeeting } from "../../domain/planning/index.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import {
  conveneBody,
  type FormValues,
  fieldFor,
  many,
  one,
  otherRows,
  readForm,
  roleItems,
} from "../convene-form.ts";
import { mapError, WorkspaceInputError } from "../errors.ts";
import { meetingDetail, phaseNames, visibleMeeting, visibleMeetings } from "../meeting-view.ts";
import { escapeHtml } from "../views.ts";

type C = Context<WorkspaceEnv>;

/** Fixed confirmation messages, chosen by a key in the redirect (no typed text in URLs). */
const flashes: Record<string, string> = {
  convened: "Meeting convened: the invitations have gone out.",
  redated: "New date agreed: the owner and the chair have been told, and reminders follow the new date.",
  refused: "More time refused: the owner has been told why, and the date stands.",
  reassigned: "Action given to someone else: the new owner and the previous one have been told.",
  attendance: "Attendance recorded.",
  transcript: "Transcript uploaded: the draft minutes are being prepared.",
  speakers: "Speakers named: a new version of the minutes has gone out for approval.",
  edited: "Minutes saved as a new version, sent out for approval.",
  unchanged: "Nothing in the minutes was changed.",
  approved: "Your approval is recorded.",
  decided: "Your decision on the change is recorded and the person who asked has been told.",
  rescheduled: "Meeting moved: updated invitations have gone out.",
  cancelled: "Meeting cancelled: everyone invited has been told.",
};

const form = readForm;

const section = (m: Meeting) =>
  m.phase === "cancelled" || m.phase === "closed"
    ? "done"
    : m.phase === "await-meeting" || m.phase === "invite" || m.phase === "convene"
      ? "upcoming"
      : "awaiting";

export function meetingRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  const tz = () => b.authority.timezone;
  const today = () => b.now().toISOString().slice(0, 10);

  // My meetings: awaiting me, upcoming, overdue, done.
  app.get("/", async (c) => {
    const user = c.get("user");
    const meetings = await visibleMeetings(b, user);
    const row = (m: Meeting) => [
      { html: `<a class="govuk-link" href="${w.href(`/meeting/${m.id}`)}">${escapeHtml(m.typeName)}</a>` },
      { text: m.child.reference },
      { text: formatLocal(new Date(m.start), tz()) },
      { text: m.chair.name },
      { text: phaseNames[m.phase] },
      { text: dueText(m) },
    ];
    const overdue = meetings.filter((m) => isOverdue(m, today()));
    return w.page(c, "my-meetings.njk", {
      title: "My meetings",
      awaiting: meetings.filter((m) => section(m) === "awaiting").map(row),
      upcoming: meetings.filter((m) => section(m) === "upcoming").map(row),
      overdue: overdue.map(row),
      done: meetings
        .filter((m) => section(m) === "done")
        .slice(-20)
        .map(row),
    });
  });

  // Convene: the form, the plan's checks ("Check the plan"), and convening.
  const conveneView = async (c: C, values: FormValues, extra: Record<string, unknown> = {}, status = 200) => {
    const directory = await b.directory.getDirectory(b.authority.id);
    const staff = directory.people.filter((p) => p.active);
    const user = c.get("user");
    const chair = one(values, "chair") || user.email;
    const chosen = new Set(many(values, "staff"));
    const rows = otherRows(values);
    return w.page(
      c,
      "convene.njk",
      {
        title: "Convene a meeting",
        values,
        types: [
          { value: "", text: "Choose the type of meeting" },
          ...b.catalog.meetingTypes.map((t) => ({
            value: t.id,
            text: `${t.name} (${t.abbreviation})`,
            selected: t.id === one(values, "meetingType"),
          })),
        ],
        triggers: [
          { value: "none", text: "None: no statutory clock" },
          ...triggerKinds
            .filter((k) => k !== "none")
            .map((k) => ({
              value: k,
              text: k
                .replace(/-/g, " ")
                .replace(/^s47/, "Section 47")
                .replace(/^./, (s) => s.toUpperCase()),
              selected: k === one(values, "triggerKind"),
            })),
        ],
        chairs: staff.map((p) => ({
          value: p.email,
          text: `${p.name}, ${p.team}`,
          selected: p.email === chair,
        })),
        staff: staff
          .filter((p) => p.email !== chair)
          .map((p) => ({
            value: p.email,
            text: p.name,
            hint: { text: `${p.role.replace(/-/g, " ")}, ${p.team}` },
            checked: chosen.has(p.email),
          })),
        others: Array.from({ length: rows }, (_, i) => ({
          i,
          name: one(values, `other${i}Name`),
          email: one(values, `other${i}Email`),
          agency: one(values, `other${i}Agency`),
          roles: roleItems(one(values, `other${i}Role`)),
        })),
        ...extra,
      },
      status,
    );
  };

  app.get("/convene", (c) => conveneView(c, { chair: c.get("user").email, durationMinutes: "60" }));

  app.post("/convene", async (c) => {
    const values = await form(c);
    const directory = await b.directory.getDirectory(b.authority.id);
    const { body, inviteeFields, errors } = conveneBody(values, directory.people, tz());
    const show = (fieldErrors: { field: string; message: string }[], extra: Record<string, unknown> = {}) =>
      conveneView(
        c,
        values,
        {
          errors: fieldErrors.map((e) => ({ text: e.message, href: `#${e.field.replace(/:/g, "\\:")}` })),
          fieldErrors: Object.fromEntries(fieldErrors.map((e) => [e.field, e.message])),
          ...extra,
        },
        400,
      );
    if (errors.length) return show(errors);
    // The plan's checks, shown beside the form: due date, chair, missing roles, what needs a reason.
    const planned = planMeeting(body.plan, b.catalog, b.authority);
    if (!planned.ok)
      return show(
        planned.errors.map((e) => ({ field: fieldFor(`plan.${e.path}`, inviteeFields), message: e.message })),
      );
    const problems = conveneProblems(planned.plan);
    const checks = {
      plan: planned.plan,
      dueBy: planned.plan.dueBy,
      problems: problems.map((p) => ({ ...p, reason: body.overrides[p.code] ?? "" })),
      typeName: planned.plan.meetingType.name,
    };
    if (one(values, "action") !== "convene") return conveneView(c, values, { checks });
    try {
      const created = await b.createMeeting(body, { actor: c.get("user").email });
      return c.redirect(`/meeting/${created.meeting.id}?done=convened`, 303);
    } catch (error) {
      if (!(error instanceof StartMeetingError)) throw error;
      return show(
        error.errors.map((e) => ({ field: fieldFor(e.path, inviteeFields), message: e.message })),
        { checks },
      );
    }
  });

  // The meeting page.
  app.get("/meeting/:id", async (c) => {
    const { meeting, canRun } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
    const detail = await meetingDetail(b, meeting);
    const speakers =
      canRun && meeting.phase === "agree-minutes" ? await unnamedSpeakers(b.kernel, meeting.id) : [];
    const type = findMeetingType(b.catalog, meeting.typeId);
    return w.page(c, "meeting.njk", {
      title: `${meeting.typeName} for ${meeting.child.reference}`,
      flash: flashes[c.req.query("done") ?? ""],
      ...detail,
      canRun,
      speakers,
      typeAbbreviation: type?.abbreviation ?? meeting.typeName,
      recordName: meeting.recordName,
      chairApproved:
        detail.versions[0]?.responses.find((r) => r.index === meeting.chair.index)?.response === "approved",
      reschedule: rescheduleValues(meeting, tz()),
    });
  });

  /** The page for someone who may see a meeting but not run it. */
  const onlyRunners = (c: C, what: string) =>
    w.errorPage(
      c,
      new WorkspaceInputError([
        { field: "", message: `Only the meeting's chair or their team manager can ${what}.` },
      ]),
    );

  /** Runs one use case on a meeting the person may run, then back to the meeting page. */
  const act = (path: string, run: (meeting: Meeting, values: FormValues, c: C) => Promise<string>) =>
    app.post(`/meeting/:id/${path}`, async (c) => {
      const { meeting, canRun } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
      if (!canRun) return onlyRunners(c, "do that");
      const values = await form(c);
      try {
        const done = await run(meeting, values, c);
        await b.settle();
        return c.redirect(`/meeting/${meeting.id}?done=${done}`, 303);
      } catch (error) {
        const mapped = mapError(error);
        if (mapped.status === 500) throw error;
        const detail = await meetingDetail(b, await b.store.getMeeting(meeting.id));
        return w.page(
          c,
          "meeting.njk",
          {
            title: `${meeting.typeName} for ${meeting.child.reference}`,
            ...detail,
            canRun,
            speakers: [],
            recordName: meeting.recordName,
            reschedule: rescheduleValues(meeting, tz()),
            errors: mapped.errors.map((e) => ({ text: e.message, href: `#${path}` })),
          },
          mapped.status,
        );
      }
    });

  act("attendance", async (meeting, values, c) => {
    const attended = new Set(many(values, "attended"));
    const people = [meeting.chair, ...meeting.invitees];
    await recordMeetingHeld(
      b.kernel,
      meeting.id,
      people.map((p) => ({ index: p.index, attended: attended.has(String(p.index)) })),
      c.get("user").email,
      "workspace",
    );
    return "attendance";
  });

  app.post("/meeting/:id/transcript", async (c) => {
    const { meeting, canRun } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
    if (!canRun) return onlyRunners(c, "do that");
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      return w.errorPage(
        c,
        new WorkspaceInputError([
          { field: "file", message: "Choose a transcript file (WebVTT, Word, Teams or Transcribe JSON)" },
        ]),
      );
    await b.uploadTranscript(
      meeting.id,
      new Uint8Array(await file.arrayBuffer()),
      file.name.replace(/[^\w.-]/g, "_").slice(0, 100) || "transcript.vtt",
      c.get("user").email,
    );
    await b.settle();
    return c.redirect(`/meeting/${meeting.id}?done=transcript`, 303);
  });

  act("speakers", async (meeting, values) => {
    const mapping: Record<string, string> = {};
    for (const [key, value] of Object.entries(values))
      if (key.startsWith("speaker:") && typeof value === "string" && value.trim())
        mapping[key.slice(8)] = value.trim();
    if (Object.keys(mapping).length === 0)
      throw new WorkspaceInputError([{ field: "speakers", message: "Choose who at least one speaker is" }]);
    await mapSpeakers(b.kernel, meeting.id, mapping, "workspace");
    return "speakers";
  });

  act("approve", async (meeting) => {
    const result = await recordApproval(
      b.kernel,
      meeting.id,
      meeting.chair.index,
      meeting.minutesVersion,
      "approve",
      undefined,
      "workspace",
    );
    if (!result.recorded) throw new WorkspaceInputError([{ field: "", message: result.message }]);
    return "approved";
  });

  act("changes/:person", async (meeting, values, c) => {
    const decision = z
      .enum(["accepted", "rejected"], { error: "Choose accept or reject" })
      .parse(one(values, "decision") || undefined);
    const person = Number(c.req.param("person"));
    const result = await decideChange(
      b.kernel,
      meeting.id,
      person,
      decision,
      "workspace",
      Number(one(values, "version")),
      one(values, "reason"),
    );
    if (!("decided" in result)) throw new WorkspaceInputError([{ field: "", message: result.message }]);
    return "decided";
  });

  act("reschedule", async (meeting, values, c) => {
    const { body } = conveneBody({ ...values, chair: "" }, [], tz());
    const start =
      typeof body.plan.proposedStart === "string" && body.plan.proposedStart
        ? new Date(body.plan.proposedStart)
        : undefined;
    const minutes = Number(one(values, "durationMinutes"));
    if (!start)
      throw new WorkspaceInputError([{ field: "startDate-day", message: "Enter the new date and time" }]);
    if (!Number.isInteger(minutes) || minutes < 10 || minutes > 480)
      throw new WorkspaceInputError([
        { field: "durationMinutes", message: "Enter the length in minutes, from 10 to 480" },
      ]);
    await reschedule(
      b.kernel,
      meeting.id,
      start,
      new Date(start.getTime() + minutes * 60_000),
      c.get("user").email,
      "workspace",
    );
    return "rescheduled";
  });

  act("cancel", async (meeting, values, c) => {
    const reason = one(values, "reason");
    if (!reason)
      throw new WorkspaceInputError([
        { field: "reason", message: "Say why the meeting is cancelled: everyone invited is told" },
      ]);
    await cancel(b.kernel, meeting.id, reason.slice(0, 2000), c.get("user").email, "workspace");
    return "cancelled";
  });

  // The minutes, section by section, with the transcript beside them.
  app.get("/meeting/:id/minutes", async (c) => {
    const { meeting, canRun } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
    if (meeting.minutesVersion < 1) return c.redirect(`/meeting/${meeting.id}`, 303);
    const stored = await b.store.getMinutesVersion(meeting.id, meeting.minutesVersion);
    const transcript = await b.transcript(meeting.id);
    const blockers = b.finaliseBlockers(stored.minutes, meeting.typeId);
    return w.page(c, "minutes.njk", {
      title: `${meeting.recordName}: ${meeting.typeName} for ${meeting.child.reference}`,
      meeting,
      minutes: stored.minutes,
      version: meeting.minutesVersion,
      editable: canRun && meeting.phase === "agree-minutes",
      sectionTitles: sectionHeadings,
      blockers,
      transcript:
        transcript?.segments.map((s) => ({ ...s, at: clock(s.start), anchor: Math.floor(s.start) })) ?? [],
      lines: (text: string) => text.split("\n"),
      points: (items: { text: string }[]) => items.map((i) => i.text).join("\n"),
    });
  });

  app.post("/meeting/:id/minutes", async (c) => {
    const { meeting, canRun } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
    if (!canRun) return onlyRunners(c, "edit the minutes");
    const values = await form(c);
    const agendaItems: Record<string, string> = {};
    const edit: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== "string") continue;
      if (key.startsWith("agenda:")) agendaItems[key.slice(7)] = value;
      else if (key !== "_csrf" && key !== "version") edit[key] = value;
    }
    if (Object.keys(agendaItems).length) edit.agendaItems = agendaItems;
    const parsed = minutesEditSchema.parse(edit);
    const result = await editMinutes(
      b.kernel,
      meeting.id,
      Number(one(values, "version")),
      parsed,
      c.get("user").email,
      "workspace",
    );
    await b.settle();
    return c.redirect(`/meeting/${meeting.id}?done=${result.changed.length ? "edited" : "unchanged"}`, 303);
  });

  return app;
}

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function rescheduleValues(meeting: Meeting, tz: string) {
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(meeting.start));
  const get = (t: string) => local.find((p) => p.type === t)?.value ?? "";
  return {
    day: get("day"),
    month: get("month"),
    year: get("year"),
    time: `${get("hour")}:${get("minute")}`,
    duration: String(Math.round((Date.parse(meeting.end) - Date.parse(meeting.start)) / 60_000)),
  };
}

function dueText(m: Meeting): string {
  if (m.phase === "closed" || m.phase === "cancelled") return "";
  if (phaseIndexBefore(m, "transcribe") && m.dueBy) return `meeting by ${m.dueBy}`;
  if (m.phase === "transcribe" || m.phase === "draft-minutes" || m.phase === "agree-minutes")
    return `minutes by ${m.minutesDueBy}`;
  return m.reviewDueBy ? `review by ${m.reviewDueBy}` : "";
}

function phaseIndexBefore(m: Meeting, phase: Meeting["phase"]): boolean {
  const order = Object.keys(phaseNames);
  return order.indexOf(m.phase) < order.indexOf(phase);
}

/** Past its statutory date: not held by its due date, or minutes not out by theirs. */
function isOverdue(m: Meeting, today: string): boolean {
  if (m.phase === "closed" || m.phase === "cancelled") return false;
  if (phaseIndexBefore(m, "transcribe")) return m.dueBy !== undefined && m.start.slice(0, 10) > m.dueBy;
  if (phaseIndexBefore(m, "distribute")) return m.minutesDueBy < today;
  return false;
}
