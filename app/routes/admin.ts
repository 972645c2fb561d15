/**
 * The admin's pages: the authority's settings as loaded (read-only, with where they come from),
 * the staff directory (import, edit one person, history) and the health of the running system.
 */

import { type Context, Hono } from "hono";
import { z } from "zod";
import { editPerson } from "../../domain/directory/edit-person.ts";
import { importDirectory } from "../../domain/directory/import-directory.ts";
import { staffEmailSchema } from "../../domain/directory/person.ts";
import { ErasureRefusedError, erasePerson } from "../../domain/lifecycle/erase-person.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { one } from "../convene-form.ts";
import { mapError } from "../errors.ts";
import { escapeHtml } from "../views.ts";

/** The settings as dotted paths and values, for a read-only summary list. */
function flatten(value: unknown, prefix = ""): { key: string; value: string }[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.every((v) => typeof v !== "object")
      ? [{ key: prefix, value: value.join(", ") || "(none)" }]
      : value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, prefix ? `${prefix}.${k}` : k),
    );
  return [{ key: prefix, value: String(value) }];
}

export function adminRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  app.use(async (c, next) => {
    if (!c.get("user").groups.includes("admin"))
      return w.page(
        c,
        "error.njk",
        { title: "Not available", messages: ["The admin pages are for the authority's administrators."] },
        403,
      );
    await next();
  });

  app.get("/", (c) =>
    w.page(c, "admin-settings.njk", {
      title: "Settings",
      source: b.settingsSource,
      rows: flatten(b.authority).map((r) => ({ key: { text: r.key }, value: { text: r.value } })),
    }),
  );

  const directoryPage = async (
    c: Context<WorkspaceEnv>,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const directory = await b.directory.getDirectory(b.authority.id);
    const history = await b.directory.directoryHistory(b.authority.id);
    const byEmail = new Map(directory.people.map((p) => [p.email, p.name]));
    return w.page(
      c,
      "admin-directory.njk",
      {
        title: "Staff directory",
        revision: directory.revision,
        people: directory.people.map((p) => [
          {
            html: `<a class="govuk-link" href="${w.href("/admin/directory/person")}?email=${encodeURIComponent(p.email)}">${escapeHtml(p.name)}</a>`,
          },
          { text: p.email },
          { text: p.role },
          { text: p.team },
          { text: p.lineManager ? (byEmail.get(p.lineManager) ?? p.lineManager) : "" },
          { text: p.access.join(", ") },
          { text: p.active ? "Active" : "Left" },
        ]),
        history: history
          .slice(0, 20)
          .map((h) => [
            { text: String(h.revision) },
            { text: h.at },
            { text: h.by },
            { text: h.source },
            { text: h.summary },
          ]),
        ...extra,
      },
      status,
    );
  };
  app.get("/directory", (c) =>
    directoryPage(c, {
      flash:
        c.req.query("done") === "imported"
          ? "Directory imported."
          : c.req.query("done") === "saved"
            ? "Person saved."
            : undefined,
    }),
  );

  app.post("/directory", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    const text =
      file instanceof File && file.size > 0
        ? await file.text()
        : typeof body.text === "string"
          ? body.text
          : "";
    const name = file instanceof File ? file.name : "";
    const format =
      name.toLowerCase().endsWith(".json") ||
      text.trimStart().startsWith("[") ||
      text.trimStart().startsWith("{")
        ? "json"
        : "csv";
    if (!text.trim())
      return directoryPage(
        c,
        { errors: [{ text: "Choose a CSV or JSON file, or paste the directory", href: "#file" }] },
        400,
      );
    const current = await b.directory.getDirectory(b.authority.id);
    try {
      await importDirectory(b.directory, {
        authorityId: b.authority.id,
        text,
        format,
        expectedRevision: current.revision,
        by: c.get("user").email,
        at: b.now().toISOString(),
      });
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.status === 500) throw error;
      return directoryPage(
        c,
        {
          errors: mapped.errors.map((e) => ({
            text: e.field ? `${e.field}, ${e.message}` : e.message,
            href: "#file",
          })),
        },
        mapped.status,
      );
    }
    return c.redirect("/admin/directory?done=imported", 303);
  });

  app.get("/directory/person", async (c) => {
    const directory = await b.directory.getDirectory(b.authority.id);
    const email = (c.req.query("email") ?? "").toLowerCase();
    const person = directory.people.find((p) => p.email === email);
    return w.page(c, "admin-person.njk", {
      title: person ? `Edit ${person.name}` : "Add a person",
      person: person ?? { access: [], active: true },
      revision: directory.revision,
      isNew: !person,
    });
  });

  app.post("/directory/person", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(body))
      if (typeof v === "string" || Array.isArray(v)) values[k] = v as string | string[];
    const access = ([] as unknown[])
      .concat(values.access ?? [])
      .filter((v): v is string => typeof v === "string");
    const person = {
      email: one(values, "email"),
      name: one(values, "name"),
      role: one(values, "role"),
      team: one(values, "team"),
      agency: one(values, "agency"),
      ...(one(values, "lineManager") ? { lineManager: one(values, "lineManager") } : {}),
      access,
      active: one(values, "active") !== "no",
    };
    try {
      await editPerson(b.directory, {
        authorityId: b.authority.id,
        person,
        expectedRevision: Number(one(values, "revision")),
        by: c.get("user").email,
        at: b.now().toISOString(),
      });
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.status === 500) throw error;
      return w.page(
        c,
        "admin-person.njk",
        {
          title: "Check the person's details",
          person,
          revision: one(values, "revision"),
          isNew: one(values, "isNew") === "yes",
          errors: mapped.errors.map((e) => ({
            text: e.message,
            href: `#${e.field.split(".").pop() || "email"}`,
          })),
          fieldErrors: Object.fromEntries(
            mapped.errors.map((e) => [e.field.split(".").pop() || "email", e.message]),
          ),
        },
        mapped.status,
      );
    }
    return c.redirect("/admin/directory?done=saved", 303);
  });

  // Erasure on a lawful request (domain/lifecycle/erase-person.ts): checked first, then erased.
  const eraseForm = z.object({
    email: staffEmailSchema,
    request: z
      .string()
      .trim()
      .min(1, "Enter the request's reference")
      .max(200, "Enter at most 200 characters"),
    action: z.enum(["check", "erase"]).default("check"),
  });
  app.get("/erase", (c) => w.page(c, "admin-erase.njk", { title: "Erase a person's data", values: {} }));
  app.post("/erase", async (c) => {
    const body = await c.req.parseBody();
    const values = { email: String(body.email ?? ""), request: String(body.request ?? "") };
    const parsed = eraseForm.safeParse({ ...values, action: body.action });
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return w.page(
        c,
        "admin-erase.njk",
        {
          title: "Erase a person's data",
          values,
          fieldErrors,
          errors: Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
        },
        400,
      );
    }
    const directory = await b.directory.getDirectory(b.authority.id);
    const input = {
      email: parsed.data.email,
      request: parsed.data.request,
      actor: c.get("user").email,
      via: "workspace",
      inDirectory: directory.people.some((p) => p.email === parsed.data.email),
    };
    try {
      const result = await erasePerson(b.kernel, { ...input, dryRun: parsed.data.action === "check" });
      const labels = await meetingLabels(result.meetings.map((m) => m.id));
      return w.page(c, "admin-erase.njk", {
        title: result.dryRun ? "Check what would be erased" : "Erased",
        values,
        canErase: result.dryRun,
        done: !result.dryRun,
        tombstone: result.tombstone,
        planned: [
          ...result.meetings.map((m) => ({
            key: { text: labels.get(m.id) ?? m.id },
            value: {
              text: `as ${m.roles.join(", ")}${result.dryRun ? "" : `; ${m.logItems} log entries redacted`}`,
            },
          })),
          ...result.plans.map((id) => ({
            key: { text: `Child's plan ${id}` },
            value: { text: "closed; names them" },
          })),
        ],
      });
    } catch (error) {
      if (!(error instanceof ErasureRefusedError)) throw error;
      return w.page(
        c,
        "admin-erase.njk",
        { title: "This cannot be erased yet", values, blockers: error.blockers },
        409,
      );
    }
  });
  /** What an admin is shown of a meeting: its type, the child's case reference, its day and id. */
  async function meetingLabels(ids: string[]): Promise<Map<string, string>> {
    const labels = await Promise.all(
      ids.map(async (id) => {
        const m = await b.store.getMeeting(id);
        return [id, `${m.typeName}, ${m.child.reference}, ${m.start.slice(0, 10)} (${m.id})`] as const;
      }),
    );
    return new Map(labels);
  }

  app.get("/health", async (c) => {
    const health = await b.health();
    return w.page(c, "admin-health.njk", {
      title: "Health",
      rows: [
        { key: { text: "Sweeper last ran" }, value: { text: health.sweeperLastRan ?? "Not yet" } },
        { key: { text: "Meetings in flight" }, value: { text: String(health.meetingsInFlight) } },
        { key: { text: "Waits in flight" }, value: { text: String(health.waitsInFlight) } },
        {
          key: { text: "Undeliverable addresses" },
          value: { text: health.undeliverable.join(", ") || "None" },
        },
      ],
    });
  });
  return app;
}
