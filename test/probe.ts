import { chromium } from "playwright-core";
import { startLocalServer } from "../adapters/local/server.ts";
import { chromiumArgs, ensureChromium } from "../scripts/ensure-chromium.mjs";
import { startTestRuntime } from "./e2e/support.ts";

const t = await startTestRuntime({ at: new Date("2027-03-01T09:00:00Z") });
const server = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs });
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.text()));
await page.goto(server.url + "/");
console.log(page.url());
console.log(await page.getByLabel(/Nadia/).count(), await page.getByLabel(/^Nadia Rahman \(/).count());
console.log(await page.locator("label").allInnerTexts());
await browser.close();
await server.close();
await t.runtime.close();
