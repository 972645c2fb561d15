/**
 * The child's plan JSON API, mounted at /api/plans (same session and CSRF rules as the pages:
 * `x-csrf-token`). Each route parses its body with the domain's zod schema (domain/plan), calls
 * one use case and answers 400/404/409 with one JSON error naming the field.
 */
import { Hono } from "hono";
import { canStartPlan } from "../../domain/access/plan-access.ts";
import { closePlanSchema } from "../../domain/plan/close-plan.ts";
import { recordScoresSchema } from "../../domain/plan/record-scores.ts";
import { recordVisitSchema } from "../../domain/plan/record-visit.ts";
import { startPlanSchema } from "../../domain/plan/start-plan.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { WorkspaceInputError } from "../errors.ts";
import { json } from "./api.ts";
import { answers, jsonBody } from "./openapi-parts.ts";
import { visiblePlan, visiblePlans } from "./plans.ts";

export function planApiRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  app.get("/", async (c) => c.json({ plans: await visiblePlans(b, c.get("user")) }));
  app.post("/", async (c) => {
    const user = c.get("user");
    if (!canStartPlan(user))
      throw new WorkspaceInputError([
        { field: "", message: "an administrator does not start a child's plan" },
      ]);
    const body = (await json(c)) as Record<string, unknown> | null;
    // The allocated social worker is the person signed in unless the body names one.
    const withWorker =
      body && typeof body === "object" && !("worker" in body)
        ? { ...body, worker: { name: user.name, email: user.email } }
        : body;
    const plan = await b.plans(user.email).start(withWorker, { actor: user.email, via: "workspace-api" });
    await b.settle();
    return c.json(plan, 201);
  });
  app.get("/:id", async (c) => c.json(await visiblePlan(b, c.get("user"), c.req.param("id"))));
  app.post("/:id/visits", async (c) => {
    const user = c.get("user");
    const plan = await visiblePlan(b, user, c.req.param("id"));
    const result = await b.plans(user.email).recordVisit(plan.id, await json(c), {
      by: { name: user.name, email: user.email },
      via: "workspace-api",
    });
    return c.json({ visit: result.visit, next: result.next, status: result.plan.status });
  });
  app.post("/:id/scores", async (c) => {
    const user = c.get("user");
    const plan = await visiblePlan(b, user, c.req.param("id"));
    const result = await b
      .plans(user.email)
      .recordScores(plan.id, await json(c), { actor: user.email, via: "workspace-api" });
    return c.json({ status: result.plan.status, closureProposed: result.closureProposed });
  });
  app.post("/:id/close", async (c) => {
    const user = c.get("user");
    const plan = await visiblePlan(b, user, c.req.param("id"));
    const directory = await b.directory.getDirectory(b.authority.id);
    const role = directory.people.find((p) => p.email.toLowerCase() === user.email.toLowerCase())?.role;
    const closed = await b.plans(user.email).close(plan.id, await json(c), {
      by: { name: user.name, email: user.email, roles: [...user.groups, ...(role ? [role] : [])] },
      via: "workspace-api",
    });
    return c.json({ status: closed.status, closure: closed.closure });
  });
  return app;
}

/** The OpenAPI paths of /api/plans, from the same zod schemas the routes parse with. */
export function planApiPaths() {
  const id = [
    { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^plan[a-z2-7]{16}$" } },
  ];
  return {
    "/api/plans": {
      get: { summary: "The children's plans the signed-in person may see", responses: answers("Plans") },
      post: {
        summary:
          "Start a child's plan (seed 004: by day 20 of the assessment; replaces a TAC/ESCO plan; may convene the first progress meeting)",
        requestBody: jsonBody(startPlanSchema),
        responses: { ...answers("Started"), "201": { description: "Started" } },
      },
    },
    "/api/plans/{id}": { get: { summary: "A child's plan", parameters: id, responses: answers("The plan") } },
    "/api/plans/{id}/visits": {
      post: {
        summary: "Record a Child in Need visit; the next is scheduled",
        parameters: id,
        requestBody: jsonBody(recordVisitSchema),
        responses: answers("Recorded"),
      },
    },
    "/api/plans/{id}/scores": {
      post: {
        summary:
          "Record the safety-scale scores of a held progress meeting (all 7 or above: closure proposed)",
        parameters: id,
        requestBody: jsonBody(recordScoresSchema),
        responses: answers("Recorded"),
      },
    },
    "/api/plans/{id}/close": {
      post: {
        summary: "Close the plan with its rationale; the closure letters go out",
        parameters: id,
        requestBody: jsonBody(closePlanSchema),
        responses: answers("Closed"),
      },
    },
  };
}
