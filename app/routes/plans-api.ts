/**
 * The child's plan JSON API, mounted at /api/plans (same session and CSRF rules as the pages:
 * `x-csrf-token`). Each route parses its body with the domain's zod schema (domain/plan), calls
 * one use case and answers 400/404/409 with one JSON error naming the field.
 */
import { Hono } from "hono";
import { canStartPlan } from "../../domain/access/plan-access.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { WorkspaceInputError } from "../errors.ts";
import { visiblePlan, visiblePlans } from "./plans.ts";

async function json(c: { req: { header(n: string): string | undefined; json(): Promise<unknown> } }) {
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
