/**
 * The workspace's JSON API (the same session and CSRF rules as the pages: send the token from
 * GET /api/session as `x-csrf-token`). Each route parses its body with a zod schema, calls one use
 * case, and answers 400/404/409 with one JSON error naming the field. The OpenAPI document is
 * generated from the same schemas.
 */

import { type Context, Hono } from "hono";
import { z } from "zod";
import { agreeNewActionDate } from "../../domain/lifecycle/agree-new-action-date.ts";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { startMeetingSchema } from "../../domain/lifecycle/convene.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import { refuseMoreTime } from "../../domain/lifecycle/refuse-more-time.ts";
import { reschedule } from "../../domain/lifecycle/reschedule.ts";
import { planRequestSchema } from "../../domain/planning/index.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { WorkspaceInputError } from "../errors.ts";
import { meetingDetail, visibleMeeting, visibleMeetings } from "../meeting-view.ts";
import { answers, errorResponse, jsonBody } from "./openapi-parts.ts";

export const heldBodySchema = z.strictObject({
  /** The email addresses of everyone who attended; everyone else invited is recorded absent. */
  attended: z.array(z.email()).max(500),
});
export const cancelBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "expected a reason").max(2000),
});
export const rescheduleBodySchema = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(10).max(480),
});
export const actionDateBodySchema = z.strictObject({
  /** The new due date, YYYY-MM-DD, after today. */
  dueDate: z.iso.date(),
  reason: z.string().trim().min(1, "expected a reason").max(2000),
});
export const refuseMoreTimeBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "expected a reason").max(2000),
});
const actionNumber = (c: Context<WorkspaceEnv>) => {
  const n = Number(c.req.param("number"));
  if (!Number.isInteger(n) || n < 1)
    throw new WorkspaceInputError([{ field: "number", message: "expected an action number from 1" }]);
  return n;
};
const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, "expected 1 to 200 visible ASCII characters");

/** A request's JSON body: application/json and parseable, or one error naming what is wrong. */
export async function json(c: {
  req: { header(n: string): string | undefined; json(): Promise<unknown> };
}): Promise<unknown> {
  if (!(c.req.header("content-type") ?? "").startsWith("application/json"))
    throw new WorkspaceInputError([{ field: "content-type", message: "expected application/json" }]);
  try {
    return await c.req.json();
  } catch (error) {
    throw new WorkspaceInputError([
      { field: "body", message: `not valid JSON (${(error as Error).message})` },
    ]);
  }
}

export function apiRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  app.get("/session", (c) => {
    const user = c.get("user");
    return c.json({ email: user.email, name: user.name, groups: user.groups, csrf: c.get("csrf") });
  });
  app.get("/meetings", async (c) => {
    const meetings = await visibleMeetings(b, c.get("user"));
    return c.json({
      meetings: meetings.map((m) => ({
        id: m.id,
        type: m.typeId,
        typeName: m.typeName,
        child: m.child.reference,
        start: m.start,
        phase: m.phase,
        chair: m.chair.email,
        dueBy: m.dueBy ?? null,
        minutesDueBy: m.minutesDueBy,
      })),
    });
  });
  app.post("/meetings", async (c) => {
    const header = c.req.header("idempotency-key");
    const key = header === undefined ? undefined : idempotencyKeySchema.parse(header);
    const created = await b.createMeeting(await json(c), {
      actor: c.get("user").email,
      ...(key ? { idempotencyKey: key } : {}),
    });
    await b.settle();
    const meeting = await b.store.getMeeting(created.meeting.id);
    return c.json(
      {
        id: meeting.id,
        phase: meeting.phase,
        dueBy: meeting.dueBy ?? null,
        minutesDueBy: meeting.minutesDueBy,
      },
      created.replayed ? 200 : 201,
    );
  });
  app.get("/meetings/:id", async (c) => {
    const { meeting } = await visibleMeeting(b, c.get("user"), c.req.param("id"));
    const detail = await meetingDetail(b, meeting);
    return c.json({
      ...detail,
      meeting: { ...meeting, invitees: meeting.invitees.map(({ lineManager: _l, ...p }) => p) },
    });
  });
  const running = async (c: Context<WorkspaceEnv>) => {
    const found = await visibleMeeting(b, c.get("user"), c.req.param("id") ?? "");
    if (!found.canRun)
      throw new WorkspaceInputError([
        { field: "", message: "only the meeting's chair or their team manager can do that" },
      ]);
    return found.meeting;
  };
  app.post("/meetings/:id/held", async (c) => {
    const meeting = await running(c);
    const body = heldBodySchema.parse(await json(c));
    const people = [meeting.chair, ...meeting.invitees];
    const known = new Set(people.map((p) => p.email.toLowerCase()));
    const unknown = body.attended.filter((e) => !known.has(e.toLowerCase()));
    if (unknown.length)
      throw new WorkspaceInputError([
        { field: "attended", message: `not invited to this meeting: ${unknown.join(", ")}` },
      ]);
    const attended = new Set(body.attended.map((e) => e.toLowerCase()));
    await recordMeetingHeld(
      b.kernel,
      meeting.id,
      people.map((p) => ({ index: p.index, attended: attended.has(p.email.toLowerCase()) })),
      c.get("user").email,
      "workspace-api",
    );
    await b.settle();
    return c.json({ ok: true });
  });
  app.post("/meetings/:id/actions/:number/date", async (c) => {
    const meeting = await running(c);
    const body = actionDateBodySchema.parse(await json(c));
    const { action, restarted } = await agreeNewActionDate(b.kernel, {
      meetingId: meeting.id,
      number: actionNumber(c),
      dueDate: body.dueDate,
      reason: body.reason,
      actor: c.get("user").email,
      via: "workspace-api",
    });
    await b.settle();
    return c.json({ ok: true, dueDate: action.dueDate, status: action.status, tracker: restarted });
  });
  app.post("/meetings/:id/actions/:number/refuse-more-time", async (c) => {
    const meeting = await running(c);
    const body = refuseMoreTimeBodySchema.parse(await json(c));
    const { action } = await refuseMoreTime(b.kernel, {
      meetingId: meeting.id,
      number: actionNumber(c),
      reason: body.reason,
      actor: c.get("user").email,
      via: "workspace-api",
    });
    await b.settle();
    return c.json({ ok: true, dueDate: action.dueDate, status: action.status });
  });
  app.post("/meetings/:id/cancel", async (c) => {
    const meeting = await running(c);
    const body = cancelBodySchema.parse(await json(c));
    await cancel(b.kernel, meeting.id, body.reason, c.get("user").email, "workspace-api");
    await b.settle();
    return c.json({ ok: true });
  });
  app.post("/meetings/:id/reschedule", async (c) => {
    const meeting = await running(c);
    const body = rescheduleBodySchema.parse(await json(c));
    const start = new Date(body.start);
    const result = await reschedule(
      b.kernel,
      meeting.id,
      start,
      new Date(start.getTime() + body.durationMinutes * 60_000),
      c.get("user").email,
      "workspace-api",
    );
    await b.settle();
    return c.json(result);
  });
  return app;
}

/** The OpenAPI 3.1 document of the API, from the same zod schemas the routes parse with. */
export function openApiDocument() {
  const startMeeting = startMeetingSchema.extend({ plan: planRequestSchema });
  const id = [
    { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[a-z2-7]{16}$" } },
  ];
  return {
    openapi: "3.1.0",
    info: { title: "Convene workspace API", version: "1" },
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "session",
          description: "The workspace session cookie; send x-csrf-token from GET /api/session on every POST",
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      "/api/session": {
        get: { summary: "Who is signed in, and the CSRF token", responses: answers("The session") },
      },
      "/api/meetings": {
        get: { summary: "The meetings the signed-in person may see", responses: answers("Meetings") },
        post: {
          summary: "Convene a meeting (plan, convene checks, store, start its lifecycle)",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string" } },
          ],
          requestBody: jsonBody(startMeeting),
          responses: {
            ...answers("Replayed: created before with this key"),
            "201": { description: "Created" },
            "422": errorResponse,
          },
        },
      },
      "/api/meetings/{id}": {
        get: {
          summary: "A meeting: people, answers, minutes versions, actions, timeline",
          parameters: id,
          responses: answers("The meeting"),
        },
      },
      "/api/meetings/{id}/held": {
        post: {
          summary: "Record who attended, by email",
          parameters: id,
          requestBody: jsonBody(heldBodySchema),
          responses: answers("Recorded"),
        },
      },
      "/api/meetings/{id}/actions/{number}/date": {
        post: {
          summary:
            "Set or agree a new date for an action: its tracker starts again from it; owner and chair told",
          parameters: [
            ...id,
            { name: "number", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          requestBody: jsonBody(actionDateBodySchema),
          responses: answers("The action's new date"),
        },
      },
      "/api/meetings/{id}/actions/{number}/refuse-more-time": {
        post: {
          summary: "Refuse the owner's request for more time; the owner is told why",
          parameters: [
            ...id,
            { name: "number", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          requestBody: jsonBody(refuseMoreTimeBodySchema),
          responses: answers("Refused"),
        },
      },
      "/api/meetings/{id}/cancel": {
        post: {
          summary: "Cancel, telling everyone invited",
          parameters: id,
          requestBody: jsonBody(cancelBodySchema),
          responses: answers("Cancelled"),
        },
      },
      "/api/meetings/{id}/reschedule": {
        post: {
          summary: "Move the meeting; updated invitations go out",
          parameters: id,
          requestBody: jsonBody(rescheduleBodySchema),
          responses: answers("Moved"),
        },
      },
    },
  };
}
