/**
 * The staff workspace: one Hono app, server-rendered GOV.UK Frontend pages and a JSON API, mounted
 * by the embedded runtime's local server and by the web Lambda behind API Gateway.
 *
 * 1. Every response gets security headers (a nonce CSP, no framing, no referrer, no caching).
 * 2. Public: GOV.UK Frontend's assets, the answer pages behind email links (/r/…, signed tokens,
 *    no sign-in), the OpenAPI document, and the sign-in routes.
 * 3. Everything else needs a signed-in person (pages redirect to sign in; the API answers 401).
 * 4. Every state-changing request must come from this site (Origin) and carry the session's CSRF
 *    token (`_csrf` field or `x-csrf-token` header); otherwise it is refused and changes nothing.
 * 5. Pages and API routes call the backend's use cases (app/backend.ts) and hold no rule.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { SignIn, StaffUser } from "./auth/types.ts";
import type { WorkspaceBackend } from "./backend.ts";
import { csrfMatches, csrfToken } from "./csrf.ts";
import { mapError } from "./errors.ts";
import { adminRoutes } from "./routes/admin.ts";
import { apiRoutes, openApiDocument } from "./routes/api.ts";
import { meetingRoutes } from "./routes/meetings.ts";
import { planRoutes } from "./routes/plans.ts";
import { planApiPaths, planApiRoutes } from "./routes/plans-api.ts";
import { reportRoutes } from "./routes/report.ts";
import { teamRoutes } from "./routes/team.ts";
import { govukDist, renderPage } from "./views.ts";

export interface AnswerPageRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
export interface AnswerPageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WorkspaceOptions {
  signIn: SignIn;
  backend: WorkspaceBackend;
  /** Derives each session's CSRF token. */
  csrfKey: string;
  /** Served over HTTPS (the cloud): HSTS. */
  secure: boolean;
  /**
   * The path the app is served under, e.g. "/reply" for API Gateway's stage URL: routes stay at
   * the root (API Gateway strips the stage), every link, form, asset and redirect gets the prefix.
   * @default "" (the local server, or a custom domain mapped to the stage)
   */
  basePath?: string;
  /** The answer pages behind email links: public, each request carries its own signed token. */
  answerPage?: (request: AnswerPageRequest) => Promise<AnswerPageResponse>;
}

export type WorkspaceEnv = {
  Variables: { user: StaffUser; nonce: string; csrf: string };
};

/** What a page template is given besides its own context. */
export interface PageChrome {
  title: string;
  user?: StaffUser;
  csrf?: string;
  cspNonce: string;
  navigation?: { href: string; text: string; active?: boolean }[];
  authorityName: string;
  localSignIn: boolean;
  /** Prefix of every link and form action ({@link WorkspaceOptions.basePath}). */
  base: string;
  /** GOV.UK Frontend's template reads its favicon and manifest from here. */
  assetPath: string;
}

const assetTypes: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

export class Workspace {
  constructor(readonly options: WorkspaceOptions) {}

  get backend(): WorkspaceBackend {
    return this.options.backend;
  }

  /** A path of this app as the browser must request it (with the base path). */
  href(path: string): string {
    return `${this.options.basePath ?? ""}${path}`;
  }

  navigation(user: StaffUser, path: string) {
    const items = [
      { href: "/", text: "My meetings", show: true },
      { href: "/convene", text: "Convene a meeting", show: user.groups.some((g) => g !== "admin") },
      { href: "/plans", text: "Children's plans", show: user.groups.some((g) => g !== "admin") },
      {
        href: "/team",
        text: "Team",
        show: user.groups.includes("team-manager") || user.groups.includes("service-manager"),
      },
      {
        href: "/report",
        text: "Report",
        show: user.groups.some((g) => g !== "admin"),
      },
      { href: "/admin", text: "Admin", show: user.groups.includes("admin") },
    ];
    return items
      .filter((i) => i.show)
      .map((i) => ({
        href: this.href(i.href),
        text: i.text,
        active: i.href === "/" ? path === "/" : path.startsWith(i.href),
      }));
  }

  /** Renders a page with the layout's chrome (user, navigation, CSRF token, CSP nonce). */
  page(
    c: Context<WorkspaceEnv>,
    template: string,
    context: Record<string, unknown> & { title: string },
    status = 200,
  ) {
    const user = c.get("user") as StaffUser | undefined;
    const chrome: PageChrome = {
      title: context.title,
      cspNonce: c.get("nonce"),
      authorityName: this.backend.authority.name,
      localSignIn: this.options.signIn.kind === "local",
      base: this.options.basePath ?? "",
      assetPath: this.href("/assets"),
      ...(user ? { user, csrf: c.get("csrf"), navigation: this.navigation(user, c.req.path) } : {}),
    };
    return c.html(renderPage(template, { ...chrome, ...context }), status as 200);
  }

  /** A domain error shown as a page, with the error summary. */
  errorPage(c: Context<WorkspaceEnv>, error: unknown) {
    const mapped = mapError(error);
    if (mapped.status === 500) console.error("workspace: unexpected error", (error as Error)?.name);
    return this.page(
      c,
      "error.njk",
      {
        title:
          mapped.status === 404
            ? "Page not found"
            : mapped.status === 409
              ? "That cannot be done now"
              : "There is a problem",
        status: mapped.status,
        messages: mapped.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)),
      },
      mapped.status,
    );
  }
}

export function createWorkspaceApp(options: WorkspaceOptions): Hono<WorkspaceEnv> {
  const workspace = new Workspace(options);
  const app = new Hono<WorkspaceEnv>();

  // 1. Security headers.
  app.use(async (c, next) => {
    const nonce = randomBytes(16).toString("base64");
    c.set("nonce", nonce);
    await next();
    if (c.res.headers.has("content-security-policy")) return;
    c.res.headers.set(
      "content-security-policy",
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
    );
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("x-frame-options", "DENY");
    c.res.headers.set("referrer-policy", "no-referrer");
    if (!c.req.path.startsWith("/assets/")) c.res.headers.set("cache-control", "no-store");
    if (options.secure) c.res.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
    // Redirects to this app's own paths get the base path (routes redirect to "/meeting/…").
    const location = c.res.headers.get("location");
    const base = options.basePath ?? "";
    if (base && location?.startsWith("/") && !location.startsWith("//") && !location.startsWith(`${base}/`))
      c.res.headers.set("location", `${base}${location}`);
  });

  // Bodies: an answer page's form is small; a transcript upload is at most 10 MB.
  const tooLarge = (c: Context) => c.text("The request is too large; nothing was changed.", 413);
  app.use("/r/*", bodyLimit({ maxSize: 256 * 1024, onError: tooLarge }));
  app.use(bodyLimit({ maxSize: 12 * 1024 * 1024, onError: tooLarge }));

  // 2. Public routes.
  app.get("/assets/*", async (c) => {
    const name = c.req.path.slice("/assets/".length);
    if (!/^[\w./-]+$/.test(name) || name.includes("..")) return c.notFound();
    const file =
      name === "govuk-frontend.min.css" || name === "govuk-frontend.min.js"
        ? join(govukDist, "govuk", name)
        : join(govukDist, "govuk", "assets", name);
    try {
      const bytes = await readFile(file);
      const type = assetTypes[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
      return c.body(bytes, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
    } catch {
      return c.notFound();
    }
  });
  app.get("/api/openapi.json", (c) => {
    const document = openApiDocument();
    return c.json({ ...document, paths: { ...document.paths, ...planApiPaths() } });
  });
  if (options.answerPage) {
    const answer = options.answerPage;
    app.on(["GET", "POST"], "/r/*", async (c) => {
      const body = c.req.method === "POST" ? await c.req.text() : undefined;
      const url = new URL(c.req.url);
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const page = await answer({
        method: c.req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        body,
      });
      return c.body(page.body, page.status as 200, page.headers);
    });
  }
  app.route("/auth", options.signIn.routes());

  // 3. Sign-in required; 4. CSRF on every state change.
  app.use(async (c, next) => {
    const user = await options.signIn.user(c);
    const api = c.req.path.startsWith("/api/");
    if (!user) {
      if (api) return c.json({ error: "sign in first", field: "" }, 401);
      if (c.req.method !== "GET") return c.text("Sign in first.", 401);
      return c.redirect(options.signIn.signInUrl(c.req.path), 302);
    }
    c.set("user", user);
    c.set("csrf", csrfToken(options.csrfKey, user.sessionId));
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("origin");
      const self = new URL(c.req.url).host;
      if (origin !== undefined && origin !== "null" && safeHost(origin) !== self)
        return refuse(c, api, 403, "origin: this request came from another site and changed nothing");
      const type = c.req.header("content-type") ?? "";
      let given = c.req.header("x-csrf-token");
      if (
        !given &&
        (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
      ) {
        const form = await c.req.parseBody();
        given = typeof form._csrf === "string" ? form._csrf : undefined;
      }
      if (!csrfMatches(options.csrfKey, user.sessionId, given))
        return refuse(
          c,
          api,
          403,
          "_csrf: the form's security token is missing or out of date; nothing was changed. Go back, reload the page and try again",
        );
    }
    await next();
  });

  // 5. The pages and the API.
  app.route("/api/plans", planApiRoutes(workspace));
  app.route("/api", apiRoutes(workspace));
  app.route("/admin", adminRoutes(workspace));
  app.route("/team", teamRoutes(workspace));
  app.route("/report", reportRoutes(workspace));
  app.route("/", planRoutes(workspace));
  app.route("/", meetingRoutes(workspace));
  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: `no route for ${c.req.method} ${c.req.path}`, field: "" }, 404)
      : workspace.page(
          c as Context<WorkspaceEnv>,
          "error.njk",
          { title: "Page not found", status: 404, messages: ["There is no page at this address."] },
          404,
        ),
  );
  app.onError((error, c) => {
    if (c.req.path.startsWith("/api/")) {
      const mapped = mapError(error);
      const first = mapped.errors[0];
      return c.json(
        { error: first?.message ?? "error", field: first?.field ?? "", errors: mapped.errors },
        mapped.status,
      );
    }
    return workspace.errorPage(c as Context<WorkspaceEnv>, error);
  });
  return app;
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return "";
  }
}

function refuse(c: Context, api: boolean, status: 403, message: string) {
  return api ? c.json({ error: message, field: message.split(":")[0] }, status) : c.text(message, status);
}
