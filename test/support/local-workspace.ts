/**
 * The embedded runtime and its local server for tests that speak HTTP to the staff workspace, and
 * the local sign-in as a fetch would do it: the session cookie and its CSRF token.
 */
import { startLocalServer } from "../../adapters/local/server.ts";
import { startTestRuntime, type TestRuntime } from "../e2e/support.ts";

export interface LocalWorkspace {
  t: TestRuntime;
  url: string;
  close(): Promise<void>;
}

/** A runtime whose virtual clock starts at `at`, its local server on a free port, its base URL set. */
export async function startLocalWorkspace(at: Date): Promise<LocalWorkspace> {
  const t = await startTestRuntime({ at });
  const server = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
  t.runtime.setBaseUrl(server.url);
  return {
    t,
    url: server.url,
    close: async () => {
      await server.close();
      await t.runtime.close();
    },
  };
}

/** Signs `email` in through the local sign-in form; the raw answer is kept for tests that check it. */
export async function signInOver(
  url: string,
  email: string,
): Promise<{ cookie: string; csrf: string; response: Response }> {
  const response = await fetch(`${url}/auth/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ email, returnTo: "/" }),
  });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const session = await fetch(`${url}/api/session`, { headers: { cookie } });
  const { csrf } = (await session.json()) as { csrf: string };
  return { cookie, csrf, response };
}
