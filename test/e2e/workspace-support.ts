/**
 * The staff workspace in a real browser: the embedded runtime and its local server, Debian's
 * Chromium driven by playwright-core, axe-core's WCAG 2.2 AA rules on every page, and a screenshot
 * of each page kept in test-artifacts/screenshots.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { startLocalServer } from "../../adapters/local/server.ts";
import { chromiumArgs, ensureChromium } from "../../scripts/ensure-chromium.mjs";
import { startTestRuntime, type TestRuntime } from "./support.ts";

export const screenshots = join("test-artifacts", "screenshots");
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export interface WorkspaceSession {
  t: TestRuntime;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorkspace(at: Date): Promise<WorkspaceSession> {
  const t = await startTestRuntime({ at });
  const server = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
  t.runtime.setBaseUrl(server.url);
  const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs });
  await mkdir(screenshots, { recursive: true });
  return {
    t,
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await t.runtime.close();
    },
  };
}

/** Zero axe-core violations of the WCAG 2.2 AA rules, and a screenshot kept. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

/** Signs in with the local sign-in by keyboard: the person's radio, then the button. */
export async function signIn(
  session: WorkspaceSession,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${session.url}/`);
  expect(new URL(page.url()).pathname).toBe("/auth/sign-in");
  const radio = page.getByLabel(name, { exact: true });
  await radio.focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Sign in" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`${session.url}/`);
  return { context, page };
}

/** Presses a button by keyboard (focus, Enter) and waits for the page it leads to. */
export async function pressButton(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole("button", { name, exact: typeof name === "string" });
  await button.focus();
  await Promise.all([page.waitForLoadState("load"), page.waitForNavigation(), page.keyboard.press("Enter")]);
}

/** Types into a field by keyboard after focusing it. */
export async function type(page: Page, label: string | RegExp, text: string, exact = true): Promise<void> {
  const field = page.getByLabel(label, { exact });
  await field.focus();
  await field.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}
