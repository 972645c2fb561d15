/**
 * The child's plan pages (seed 004): the plans the person may see, starting a plan (and its first
 * Child and Family Progress Meeting), and a plan's page to record a Child in Need visit, the
 * safety-scale scores of a held progress meeting, and the closure with its rationale; the closure
 * letters to download. Every form posts with the CSRF token, is parsed by the domain's schema,
 * shows errors beside the field and redirects after success (303); no GET changes anything.
 */
import { type Context, Hono } from "hono";
import { canSeePlan, canStartPlan } from "../../domain/access/plan-access.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { phaseIndex } from "../../domain/lifecycle/phases.ts";
import { localDate } from "../../domain/lifecycle/time.ts";
import { longDate } from "../../domain/minutes/render.ts";
import { type ChildPlan, letterAudienceSchema, relationships } from "../../domain/plan/model.ts";
import { planStartDue } from "../../domain/plan/rules.ts";
import { NotFoundError } from "../../domain/ports/store.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import type { StaffUser } from "../auth/types.ts";
import type { WorkspaceBackend } from "../backend.ts";
import { type FormValues, readForm, roleItems } from "../convene-form.ts";
import { teamEmails } from "../meeting-view.ts";
import { closeBody, formErrors, personRows, scoresBody, startPlanBody, visitBody } from "../plan-form.ts";
import { escapeHtml } from "../views.ts";

type C = Context<WorkspaceEnv>;

const flashes: Record<string, string> = {
  started: "Plan started.",
  visit: "Visit recorded: the next visit is scheduled and its reminders set.",
  scores: "Safety-scale scores recorded.",
  proposed: "Everyone scored 7 or above: closure is proposed, and the chair and team manager have been told.",
  closed: "Plan closed: the closure letters have been sent where an address is known.",
};

export const relationshipNames: Record<(typeof relationships)[number], string> = {
  child: "The child",
  parent: "Parent or carer",
  "family-network": "Family network or support person",
  professional: "Professional",
};
export const statusNames: Record<ChildPlan["status"], string> = {
  open: "Open",
  "closure-proposed": "Closure proposed",
  closed: "Closed",
  replaced: "Replaced by a progress plan",
};
const kindNames: Record<ChildPlan["kind"], string> = {
  "progress-plan": "Child and Family Progress Plan",
  "tac-esco": "TAC/ESCO plan",
};

/** A plan the person may see; one they may not is "not found", as if it did not exist. */
export async function visiblePlan(b: WorkspaceBackend, user: StaffUser, id: string): Promise<ChildPlan> {
  if (!/^plan[a-z2-7]{16}$/.test(id)) throw new NotFoundError(`no plan ${id}`);
  const plan = await b.plans(user.email).store.getPlan(id);
  if (plan.authorityId !== b.authority.id || !canSeePlan(user, plan, await teamEmails(b, user)))
    throw new NotFoundError(`no plan ${id}`);
  return plan;
}

export async function visiblePlans(b: WorkspaceBackend, user: StaffUser): Promise<ChildPlan[]> {
  const team = await teamEmails(b, user);
  return (await b.plans(user.email).store.authorityPlans(b.authority.id))
    .filter((p) => canSeePlan(user, p, team))
    .sort((a, b2) => (a.planStart < b2.planStart ? 1 : -1));
}

/** The child's held Child and Family Progress Meetings (scores and closure come from one). */
async function heldMeetings(b: WorkspaceBackend, plan: ChildPlan): Promise<Meeting[]> {
  const listed = await b.store.childMeetings(plan.authorityId, plan.childReference);
  const meetings = await Promise.all(
    listed.filter((m) => m.typeId === "cfpm").map((m) => b.store.getMeeting(m.id)),
  );
  return meetings.filter((m) => m.phase !== "cancelled" && phaseIndex(m.phase) >= phaseIndex("transcribe"));
}

const yes = (v: boolean | undefined) => (v === undefined ? "" : v ? "Yes" : "No");

/** What the plan page shows. */
async function planView(w: Workspace, plan: ChildPlan, today: string) {
  const b = w.backend;
  const held = await heldMeetings(b, plan);
  const live = plan.status === "open" || plan.status === "closure-proposed";
  return {
    plan,
    live,
    progress: plan.kind === "progress-plan",
    summary: [
      { key: { text: "Child" }, value: { text: plan.childReference } },
      { key: { text: "Plan" }, value: { text: kindNames[plan.kind] } },
      { key: { text: "Status" }, value: { text: statusNames[plan.status] } },
      ...(plan.assessmentStart
        ? [
            { key: { text: "Assessment started" }, value: { text: longDate(plan.assessmentStart) } },
            {
              key: { text: "Day 20 of the assessment" },
              value: { text: longDate(planStartDue(plan.assessmentStart)) },
            },
          ]
        : []),
      { key: { text: "Plan started" }, value: { text: longDate(plan.planStart) } },
      { key: { text: "Social worker" }, value: { text: plan.worker.name } },
      { key: { text: "Team manager" }, value: { text: plan.teamManager.name } },
      ...(plan.firstMeetingDueBy
        ? [
            {
              key: { text: "First progress meeting due by" },
              value: plan.firstMeetingId
                ? {
                    html: `${longDate(plan.firstMeetingDueBy)} (<a class="govuk-link" href="${w.href(`/meeting/${plan.firstMeetingId}`)}">convened</a>)`,
                  }
                : { text: `${longDate(plan.firstMeetingDueBy)}: not convened yet` },
            },
          ]
        : []),
      ...(plan.replaces
        ? [
            {
              key: { text: "Replaces" },
              value: {
                html: `<a class="govuk-link" href="${w.href(`/plan/${plan.replaces}`)}">the TAC/ESCO plan</a>`,
              },
            },
          ]
        : []),
      ...(plan.replacedBy
        ? [
            {
              key: { text: "Replaced by" },
              value: {
                html: `<a class="govuk-link" href="${w.href(`/plan/${plan.replacedBy}`)}">the Child and Family Progress Plan</a>`,
              },
            },
          ]
        : []),
    ],
    visits: plan.visits.map((v) => [
      { text: String(v.number) },
      { text: longDate(v.dueBy) },
      {
        text: v.visitedOn
          ? `Visited ${longDate(v.visitedOn)}`
          : v.dueBy < today
            ? v.escalated
              ? "Overdue: team manager told"
              : "Overdue"
            : "Due",
      },
      { text: yes(v.seen) },
      { text: yes(v.seenAlone) },
      { text: yes(v.atHome) },
      { text: v.note ?? "" },
    ]),
    scorings: plan.scorings.map((s) => ({
      heading: `Progress meeting on ${longDate(s.heldOn)}`,
      rows: s.scores.map((x) => [
        { text: x.name },
        { text: relationshipNames[x.relationship] },
        { text: String(x.score), format: "numeric" },
      ]),
    })),
    meetingItems: [
      { value: "", text: "Choose the meeting" },
      ...held.map((m) => ({
        value: m.id,
        text: `${m.typeName}, ${longDate(localDate(new Date(m.start), b.authority.timezone))}`,
      })),
    ],
    relationshipItems: [
      { value: "", text: "Choose" },
      ...relationships.map((r) => ({ value: r, text: relationshipNames[r] })),
    ],
    closure: plan.closure
      ? {
          rows: [
            {
              key: { text: "Decided" },
              value: {
                text:
                  plan.closure.decidedAt.kind === "progress-meeting"
                    ? "At a Child and Family Progress Meeting"
                    : "Between meetings, by the team manager",
              },
            },
            { key: { text: "Rationale" }, value: { text: plan.closure.rationale } },
            { key: { text: "Closed by" }, value: { text: plan.closure.by.name } },
          ],
          letters: plan.closure.letters.map((l) => ({
            href: w.href(`/plan/${plan.id}/letters/${l.audience}`),
            text: `Closure letter for the ${l.audience === "child" ? "child" : l.audience}`,
            sent: l.emailedTo.length ? `Emailed to ${l.emailedTo.length}` : "",
            post: l.toPost.length ? `To post to: ${l.toPost.join(", ")}` : "",
          })),
        }
      : undefined,
  };
}

export function planRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  const today = () => localDate(b.now(), b.authority.timezone);

  app.get("/plans", async (c) => {
    const plans = await visiblePlans(b, c.get("user"));
    return w.page(c, "plans.njk", {
      title: "Children's plans",
      canStart: canStartPlan(c.get("user")),
      rows: plans.map((p) => [
        {
          html: `<a class="govuk-link" href="${w.href(`/plan/${p.id}`)}">${escapeHtml(p.childReference)}</a>`,
        },
        { text: kindNames[p.kind] },
        { text: longDate(p.planStart) },
        { text: statusNames[p.status] },
        {
          text: p.visits.find((v) => !v.visitedOn)?.dueBy
            ? longDate(p.visits.find((v) => !v.visitedOn)?.dueBy ?? "")
            : "",
        },
      ]),
    });
  });

  const startPage = (c: C, values: FormValues, errors?: ReturnType<typeof formErrors>) =>
    w.page(
      c,
      "plan-start.njk",
      {
        title: "Start a child's plan",
        values,
        rows: Array.from({ length: personRows }, (_, i) => ({
          i,
          relationshipItems: [
            { value: "", text: "Choose" },
            ...relationships.map((r) => ({
              value: r,
              text: relationshipNames[r],
              selected: values[`person${i}Relationship`] === r,
            })),
          ],
          roleItems: roleItems(String(values[`person${i}Role`] ?? "")),
        })),
        ...(errors ? { errors: errors.list, fieldErrors: errors.fields } : {}),
      },
      errors?.status ?? 200,
    );

  app.get("/plans/start", (c) => startPage(c, { kind: "progress-plan" }));
  app.post("/plans/start", async (c) => {
    const user = c.get("user");
    const values = await readForm(c);
    try {
      const plan = await b
        .plans(user.email)
        .start(startPlanBody(values, { name: user.name, email: user.email }, b.authority.timezone), {
          actor: user.email,
          via: "workspace",
        });
      await b.settle();
      return c.redirect(`/plan/${plan.id}?done=started`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return startPage(c, values, errors);
    }
  });

  const planPage = async (c: C, plan: ChildPlan, extra: Record<string, unknown> = {}, status = 200) =>
    w.page(
      c,
      "plan.njk",
      {
        title: `Child's plan for ${plan.childReference}`,
        values: {},
        flash: flashes[c.req.query("done") ?? ""],
        ...(await planView(w, plan, today())),
        ...extra,
      },
      status,
    );

  app.get("/plan/:id", async (c) => planPage(c, await visiblePlan(b, c.get("user"), c.req.param("id"))));

  /** Runs one use case on a plan the person may see, then back to the plan page. */
  const act = (path: string, run: (plan: ChildPlan, values: FormValues, c: C) => Promise<string>) =>
    app.post(`/plan/:id/${path}`, async (c) => {
      const plan = await visiblePlan(b, c.get("user"), c.req.param("id"));
      const values = await readForm(c);
      try {
        const done = await run(plan, values, c);
        await b.settle();
        return c.redirect(`/plan/${plan.id}?done=${done}`, 303);
      } catch (error) {
        const errors = formErrors(error);
        if (!errors) throw error;
        return planPage(
          c,
          await b.plans(c.get("user").email).store.getPlan(plan.id),
          { values, errors: errors.list, fieldErrors: errors.fields, form: path },
          errors.status,
        );
      }
    });

  act("visit", async (plan, values, c) => {
    const user = c.get("user");
    await b.plans(user.email).recordVisit(plan.id, visitBody(values), {
      by: { name: user.name, email: user.email },
      via: "workspace",
    });
    return "visit";
  });
  act("scores", async (plan, values, c) => {
    const result = await b
      .plans(c.get("user").email)
      .recordScores(plan.id, scoresBody(values, plan), { actor: c.get("user").email, via: "workspace" });
    return result.closureProposed ? "proposed" : "scores";
  });
  act("close", async (plan, values, c) => {
    const user = c.get("user");
    const directory = await b.directory.getDirectory(b.authority.id);
    const role = directory.people.find((p) => p.email.toLowerCase() === user.email.toLowerCase())?.role;
    await b.plans(user.email).close(plan.id, closeBody(values), {
      by: { name: user.name, email: user.email, roles: [...user.groups, ...(role ? [role] : [])] },
      via: "workspace",
    });
    return "closed";
  });

  app.get("/plan/:id/letters/:audience", async (c) => {
    const plan = await visiblePlan(b, c.get("user"), c.req.param("id"));
    const audience = letterAudienceSchema.safeParse(c.req.param("audience"));
    const letter = audience.success
      ? plan.closure?.letters.find((l) => l.audience === audience.data)
      : undefined;
    const bytes = letter ? await b.kernel.deps.blobs.get(letter.blobKey) : undefined;
    if (!letter || !bytes) throw new NotFoundError("no such letter");
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "content-disposition": `attachment; filename="${letter.filename}"`,
    });
  });
  return app;
}
