/**
 * The staff workspace, driven as its users would in Debian's Chromium: a chair convenes a Child and
 * Family Progress Meeting by form and runs it to the end by keyboard alone; a chair runs a
 * Professionals Meeting's attendance, transcript, minutes edit and a requested change; a team
 * manager reads the team page and agrees a new date for an action; an admin reads the settings and health and imports a directory with
 * a mistake in it. Every page has zero axe-core WCAG 2.2 AA violations and leaves a screenshot.
 */

import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTranscriptPath } from "../../adapters/local/demo-scenario.ts";
import { askForMoreTime } from "../../domain/lifecycle/ask-for-more-time.ts";
import { recordApproval } from "../../domain/lifecycle/record-approval.ts";
import { demoInput } from "./support.ts";
import {
  checkPage,
  pressButton,
  signIn,
  startWorkspace,
  type,
  type WorkspaceSession,
} from "./workspace-support.ts";

let s: WorkspaceSession;

beforeAll(async () => {
  s = await startWorkspace(new Date("2026-03-02T09:00:00Z"));
}, 120_000);

afterAll(async () => {
  await s?.close();
});

const localApi = (path: string, body: unknown) =>
  fetch(`${s.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the chair's journey, by keyboard", () => {
  it("convenes a CFPM by form (plan checked first), records attendance, uploads the transcript, completes the minutes and approves them", async () => {
    const { page, context } = await signIn(s, "Nadia Rahman");
    await checkPage(page, "01-my-meetings-empty");
    await page.goto(`${s.url}/convene`);
    await checkPage(page, "02-convene");

    await page.getByLabel("Type of meeting").focus();
    await page.getByLabel("Type of meeting").selectOption("cfpm");
    await type(page, "Case reference", "C-208511");
    await page.getByLabel("What starts the statutory clock").selectOption("strategy-discussion");
    const dates = [
      ["Date of that event", ["2", "3", "2026"]],
      ["Date of the meeting", ["12", "3", "2026"]],
    ] as const;
    for (const [legend, [d, m, y]] of dates) {
      const group = page.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(d);
      await group.getByLabel("Month").fill(m);
      await group.getByLabel("Year").fill(y);
    }
    await type(page, "Start time", "14:00");
    // Invite the family and the school from outside the directory.
    const person = (n: number) => page.getByRole("group", { name: `Person ${n}`, exact: true });
    await person(1).getByLabel("Name").fill("Sarah Jones");
    await person(1).getByLabel("Email address").fill("sarah.jones@example.org");
    await person(1).getByLabel("Role").selectOption("parent");
    await person(1).getByLabel("Agency").fill("Family");
    await person(2).getByLabel("Name").fill("Mr Bell");
    await person(2).getByLabel("Email address").fill("senco@oakfield-primary.example.org");
    await person(2).getByLabel("Role").selectOption("senco");
    await person(2).getByLabel("Agency").fill("Oakfield Primary School");

    await pressButton(page, "Check the plan");
    await expect.poll(() => page.getByText("Must be held by").count()).toBeGreaterThan(0);
    await checkPage(page, "03-convene-checked");
    // Anything a rule stands in the way of gets a reason.
    for (const box of await page.locator("textarea[name^='override:']").all()) {
      await box.focus();
      await page.keyboard.type("Agreed with the team manager on the phone this morning.");
    }
    await pressButton(page, "Convene and send invitations");
    expect(page.url()).toMatch(/\/meeting\/[a-z2-7]{16}\?done=convened$/);
    await expect.poll(() => page.getByText("Meeting convened").count()).toBe(1);
    await checkPage(page, "04-meeting-invited");
    const id = /\/meeting\/([a-z2-7]{16})/.exec(page.url())?.[1] ?? "";
    expect((await s.t.runtime.store.getMeeting(id)).phase).toBe("await-meeting");

    // The day comes: attendance by name.
    await localApi("/clock/advance", { by: "10d" });
    await page.goto(`${s.url}/meeting/${id}`);
    await pressButton(page, "Record attendance");
    expect((await s.t.runtime.store.getMeeting(id)).phase).toBe("transcribe");
    await checkPage(page, "05-meeting-transcript");

    await page.getByLabel("Upload the transcript").setInputFiles(demoTranscriptPath);
    await pressButton(page, "Upload transcript");
    expect((await s.t.runtime.store.getMeeting(id)).phase).toBe("agree-minutes");
    await checkPage(page, "06-meeting-minutes");

    // The minutes, section by section with the transcript beside them.
    await page.goto(`${s.url}/meeting/${id}/minutes`);
    await checkPage(page, "07-minutes-edit");
    const before = (await s.t.runtime.store.getMeeting(id)).minutesVersion;
    await type(
      page,
      "The child's views",
      "Leo said he likes his school and wants to see his mum every weekend.",
    );
    await type(
      page,
      "Contingency plan",
      "If the support plan does not work within 6 weeks, a child protection strategy discussion is held.",
    );
    await pressButton(page, "Save as a new version and send for approval");
    const edited = await s.t.runtime.store.getMeeting(id);
    expect(edited.minutesVersion).toBe(before + 1);
    const version = await s.t.runtime.store.getMinutesVersion(id, edited.minutesVersion);
    expect(version.minutes.childsViews.views).toContain("wants to see his mum");

    await page.goto(`${s.url}/meeting/${id}`);
    await pressButton(page, new RegExp(`^Approve version ${edited.minutesVersion} as chair$`));
    await s.t.runtime.settle();
    const after = await s.t.runtime.store.getMeeting(id);
    expect(["distribute", "track-actions", "review", "closed"]).toContain(after.phase);
    await checkPage(page, "08-meeting-approved");
    await context.close();
  });
});

describe("the chair's pages for a Professionals Meeting", () => {
  it("shows every invitee's answer, records attendance by name, and decides a requested change with a note", async () => {
    const res = await localApi("/meetings", await demoInputFromNow());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const meeting = await s.t.runtime.store.getMeeting(id);
    await localApi("/clock/advance", { by: "14d" });
    // The demo's chair is the child's solicitor, who works by email: the team manager over the
    // allocated social worker runs the meeting's pages for them.
    expect(meeting.teamManager.name).toBe("Jordan Ellis");
    const { page, context } = await signIn(s, "Jordan Ellis");
    await page.goto(`${s.url}/meeting/${id}`);
    await expect.poll(() => page.getByRole("table").first().count()).toBe(1);
    // Attendance by name: everyone but one attended.
    const absent = meeting.invitees[meeting.invitees.length - 1];
    if (!absent) throw new Error("no invitee");
    await page.getByRole("checkbox", { name: absent.name }).uncheck();
    for (const p of meeting.invitees.slice(0, -1)) await page.getByRole("checkbox", { name: p.name }).check();
    await pressButton(page, "Record attendance");
    const answers = await s.t.runtime.store.listAnswers(id);
    expect(answers.find((a) => a.index === absent.index)?.attendance).toBe("absent");

    await page.getByLabel("Upload the transcript").setInputFiles({
      name: "professionals-meeting.vtt",
      mimeType: "text/vtt",
      buffer: await readFile(demoTranscriptPath),
    });
    await pressButton(page, "Upload transcript");
    const drafted = await s.t.runtime.store.getMeeting(id);
    expect(drafted.phase).toBe("agree-minutes");

    // An attendee asks for a change; the chair sees its words and who asked, and rejects it with a note.
    const asker = meeting.invitees[0];
    if (!asker) throw new Error("no invitee");
    await recordApproval(
      s.t.runtime.kernel,
      id,
      asker.index,
      drafted.minutesVersion,
      "request-changes",
      "Please add that the hoist is agreed.",
      "test",
    );
    await s.t.runtime.settle();
    await page.goto(`${s.url}/meeting/${id}`);
    await expect
      .poll(() => page.getByText("Please add that the hoist is agreed.").count())
      .toBeGreaterThan(0);
    await checkPage(page, "09-meeting-change-requested");
    await page.getByRole("radio", { name: /^Reject/ }).check();
    await page
      .getByLabel(`Note to ${asker.name}`)
      .fill("The hoist is not agreed yet: it is on the review agenda.");
    await pressButton(page, "Record decision");
    const approvals = await s.t.runtime.store.listApprovals(id, drafted.minutesVersion);
    const decided = approvals.find((a) => a.index === asker.index);
    expect(decided?.chairDecision).toBe("rejected");
    expect(decided?.chairReason).toContain("review agenda");
    await context.close();
  });

  it("refuses a page that is not the person's meeting as not found", async () => {
    const res = await localApi("/meetings", await demoInputFromNow());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const { page, context } = await signIn(s, "Nadia Rahman");
    const response = await page.goto(`${s.url}/meeting/${id}`);
    expect(response?.status()).toBe(404);
    await checkPage(page, "10-not-found");
    await context.close();
  });
});

describe("an invitee's answer page, from the link in the email", () => {
  it("answers by keyboard with no sign-in, on GOV.UK Frontend's styles, and says it was recorded", async () => {
    const res = await localApi("/meetings", await demoInputFromNow());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const meeting = await s.t.runtime.store.getMeeting(id);
    const invitee = meeting.invitees[0];
    if (!invitee) throw new Error("no invitee");
    const email = s.t.mailer.latest(id, "invitation", invitee.email);
    const link = /https?:\/\/\S+\/r\/[a-z2-7]+/.exec(email?.text ?? "")?.[0];
    if (!link) throw new Error("no answer link in the invitation");
    const context = await s.browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
    // Styled by GOV.UK Frontend (its stylesheet loaded), not by the page's own CSS.
    expect(await page.locator("link[rel=stylesheet]").getAttribute("href")).toBe(
      "../assets/govuk-frontend.min.css",
    );
    expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")).toMatch(
      /GDS Transport|arial/i,
    );
    await checkPage(page, "19-answer-page");
    const first = page.locator("button[name=choice]").first();
    await first.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await expect.poll(() => page.getByText(/your answer has been recorded/).count()).toBe(1);
    await checkPage(page, "20-answer-recorded");
    await context.close();
  });
});

describe("the team manager and the admin", () => {
  it("shows the team manager the team's meetings at risk and actions", async () => {
    const { page, context } = await signIn(s, "Jordan Ellis");
    await page.goto(`${s.url}/team`);
    await expect.poll(() => page.getByRole("heading", { name: "Team", level: 1 }).count()).toBe(1);
    await checkPage(page, "11-team");

    // Agree a new date for one of the team's actions, by keyboard: a missing date is named
    // beside the field; then the date and the reason are taken and the owner is told.
    const link = page.getByRole("link", { name: /^Agree a new date/ }).first();
    await link.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("heading", { name: /^Agree a new date for action/ }).count())
      .toBe(1);
    await checkPage(page, "16-action-new-date");
    await pressButton(page, "Agree the new date");
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "17-action-new-date-error");
    // The owner asks for more time: the page shows their words, the date they named (pre-filled)
    // and the form to refuse instead.
    const [, meetingId, number] = /\/team\/action\/([a-z2-7]+)\/(\d+)/.exec(page.url()) ?? [];
    await askForMoreTime(s.t.runtime.kernel, {
      meetingId: meetingId ?? "",
      number: Number(number),
      text: "The family are away; can we extend this to the end of next month?",
      actor: "owner@example.org",
      via: "test",
    });
    await page.goto(page.url());
    await expect
      .poll(() => page.getByRole("heading", { name: "The owner asks for more time" }).count())
      .toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "Refuse more time" }).count()).toBe(1);
    await checkPage(page, "18-more-time-asked");
    const due = new Date(s.t.runtime.clock.now().getTime() + 21 * 86_400_000);
    await page.getByLabel("Day").fill(String(due.getUTCDate()));
    await page.getByLabel("Month").fill(String(due.getUTCMonth() + 1));
    await page.getByLabel("Year").fill(String(due.getUTCFullYear()));
    await page.getByLabel("Why the new date is agreed").fill("The school term ended before the visit.");
    await pressButton(page, "Agree the new date");
    await expect.poll(() => page.getByText(/New date agreed/).count()).toBe(1);
    // From the meeting page, give an action to someone else: a missing choice is named.
    await page
      .getByRole("link", { name: /^Reassign/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole("heading", { name: /^Give action \d+ to someone else/ }).count())
      .toBe(1);
    await checkPage(page, "21-action-reassign");
    await pressButton(page, "Give the action to them");
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "22-action-reassign-error");
    const sent = s.t.mailer.sent.filter((e) => e.kind === "action-redated");
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.some((e) => e.text.includes("The school term ended before the visit."))).toBe(true);
    await context.close();
  });

  it("shows the service manager the compliance report: charts, figures linked to their meetings, a CSV, a bad date named", async () => {
    const { page, context } = await signIn(s, "Sam Okafor");
    await page.goto(`${s.url}/report?from=2026-01-01&to=2026-12-31`);
    await expect
      .poll(() => page.getByRole("heading", { name: "Compliance report", level: 1 }).count())
      .toBe(1);
    expect(
      await page.getByRole("img", { name: "Meetings held within the statutory timescale" }).count(),
    ).toBeGreaterThan(0);
    await checkPage(page, "23-report");
    // A figure leads to the meetings behind it.
    const figure = page.getByRole("link", { name: /meetings in the period, All meetings$/ }).first();
    await figure.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("heading", { name: /^Meetings in the period/ }).count()).toBe(1);
    expect(await page.locator("table a[href^='/meeting/']").count()).toBeGreaterThan(0);
    await checkPage(page, "24-report-figure");
    // The CSV of the same period, with the same session.
    const csv = await context.request.get(`${s.url}/report/csv?from=2026-01-01&to=2026-12-31`);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^from,to,as_at,dimension,/);
    // A date that does not exist is named beside its field, and nothing is reported.
    await page.goto(`${s.url}/report?from=2026-02-30&to=2026-12-31`);
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "25-report-error");
    await context.close();
  });

  it("shows the admin the settings, the health and the directory, and names the line and field of a bad import", async () => {
    const admin = await adminName();
    const { page, context } = await signIn(s, admin);
    await page.goto(`${s.url}/admin`);
    await checkPage(page, "12-admin-settings");
    await page.goto(`${s.url}/admin/health`);
    await checkPage(page, "13-admin-health");
    await page.goto(`${s.url}/admin/directory`);
    await checkPage(page, "14-admin-directory");
    await page.getByLabel("Import a directory").setInputFiles({
      name: "staff.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "name,email,role,team,agency,lineManager,access\nAmy Admin,amy@demo.convene.local,social-worker,Admin,Council,,admin\nBad Person,not-an-email,social-worker,Team A,Council,,\n",
      ),
    });
    await pressButton(page, "Import");
    await expect.poll(() => page.getByText(/line 3/).count()).toBeGreaterThan(0);
    await checkPage(page, "15-admin-directory-error");

    // Erasure on a lawful request: a missing reference named; someone in a meeting still in
    // progress refused with the reason; someone no meeting holds checked, then erased.
    await page.goto(`${s.url}/admin/erase`);
    await checkPage(page, "26-admin-erase");
    await page.getByLabel("Email address of the person").fill("mark.bell@school.example.org");
    await pressButton(page, "Check what would be erased");
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "27-admin-erase-error");
    const invited = (await s.t.runtime.store.getMeeting((await s.t.runtime.store.listInFlight())[0] ?? ""))
      .invitees[0];
    await page.getByLabel("Email address of the person").fill(invited?.email ?? "");
    await page.getByLabel("The request's reference").fill("DSAR-2026-114");
    await pressButton(page, "Check what would be erased");
    await expect.poll(() => page.getByRole("heading", { name: "This cannot be erased yet" }).count()).toBe(1);
    await expect
      .poll(() => page.getByText(/still in progress|escalate to them|is theirs and open/).count())
      .toBeGreaterThan(0);
    await checkPage(page, "28-admin-erase-refused");
    await page.getByLabel("Email address of the person").fill("former.contact@example.org");
    await pressButton(page, "Check what would be erased");
    await expect.poll(() => page.getByText("No meeting holds this address.").count()).toBe(1);
    await pressButton(page, "Erase");
    await expect.poll(() => page.getByRole("heading", { name: "Erased", level: 2 }).count()).toBe(1);
    await context.close();
  });
});

async function adminName(): Promise<string> {
  const { DynamoDirectoryStore } = await import("../../adapters/dynamo/directory-store.ts");
  const store = new DynamoDirectoryStore(s.t.runtime.dynamo.client, `convene-${s.t.runtime.authority.id}`);
  const directory = await store.getDirectory(s.t.runtime.authority.id);
  const admin = directory.people.find((p) => p.access.includes("admin"));
  if (!admin) throw new Error("the demo directory has no admin");
  return admin.name;
}

/**
 * The demo's Professionals Meeting moved on by whole weeks to after the runtime's clock (earlier
 * tests advance it), its hearing with it, so the dates keep their weekdays and their order.
 */
async function demoInputFromNow(): Promise<unknown> {
  const input = (await demoInput()) as { plan: { proposedStart: string; trigger: { date: string } } };
  const week = 7 * 24 * 3_600_000;
  const weeks = Math.ceil((s.t.runtime.clock.now().getTime() - Date.parse("2026-03-02T09:00:00Z")) / week);
  const shift = (iso: string) => new Date(Date.parse(iso) + weeks * week).toISOString();
  input.plan.proposedStart = shift(input.plan.proposedStart);
  input.plan.trigger.date = shift(`${input.plan.trigger.date}T00:00:00Z`).slice(0, 10);
  return input;
}

describe("the child's plan pages (seed 004)", () => {
  it("seed 004: starts a plan by form (day 20 checked first), records a visit (errors beside the fields) and shows the plan", async () => {
    const { page, context } = await signIn(s, "Tom Hughes");
    // Dates from the runtime's clock: earlier tests move it on.
    const day = 24 * 3_600_000;
    const now = s.t.runtime.clock.now();
    const dmy = (d: Date) => [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()].map(String);
    const fillDate = async (id: string, [d, m, y]: string[]) => {
      await page.locator(`#${id}-day`).fill(d ?? "");
      await page.locator(`#${id}-month`).fill(m ?? "");
      await page.locator(`#${id}-year`).fill(y ?? "");
    };
    await page.goto(`${s.url}/plans`);
    await checkPage(page, "30-plans");
    await page.goto(`${s.url}/plans/start`);
    await checkPage(page, "31-plan-start");
    await type(page, "Child's case reference", "C-7007");
    await page.getByLabel("Child and Family Progress Plan").check();
    // The assessment started 25 days ago: today is past day 20.
    await fillDate("assessmentStart", dmy(new Date(now.getTime() - 25 * day)));
    await fillDate("planStart", dmy(now));
    await page.locator("#person0Name").fill("Sam Parent");
    await page.locator("#person0Relationship").selectOption("parent");
    await pressButton(page, "Start the plan");
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "32-plan-start-error");
    await fillDate("assessmentStart", dmy(new Date(now.getTime() - 5 * day)));
    await pressButton(page, "Start the plan");
    await expect.poll(() => page.getByRole("heading", { name: "Child's plan for C-7007" }).count()).toBe(1);
    await checkPage(page, "33-plan");
    await fillDate("visitedOn", dmy(now));
    await page.locator("#seen").check();
    await page.locator("#seenAlone-2").check();
    await page.locator("#atHome").check();
    await pressButton(page, "Record the visit");
    await expect.poll(() => page.getByRole("heading", { name: "There is a problem" }).count()).toBe(1);
    await checkPage(page, "34-plan-visit-error");
    await type(page, "Note", "Jo asked for their parent to stay.");
    await pressButton(page, "Record the visit");
    await expect.poll(() => page.getByText("Visit recorded").count()).toBeGreaterThan(0);
    await checkPage(page, "35-plan-visit-recorded");
    await context.close();
  });
});
