/**
 * Tokens reused after their question closed (issue 16, finding 6): through the real reply desk and
 * answer page on the embedded runtime, with real MIME replies. A reply to a closed question changes
 * nothing and is answered: by email with an automatic reply saying what to do, on the page with a
 * page saying so (no form).
 */

import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { afterEach, describe, expect, it } from "vitest";
import { csrfKeyFrom, handleReplyPage, type ReplyPageResponse } from "../../adapters/http/reply-page.ts";
import { replyPagePort } from "../../adapters/http/reply-page-port.ts";
import { replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { recordAttendanceAnswer } from "../../domain/lifecycle/attendance-answer.ts";
import type { Invitee, Meeting } from "../../domain/lifecycle/model.ts";
import { recordApproval } from "../../domain/lifecycle/record-approval.ts";
import type { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import type { OutgoingEmail } from "../../domain/ports/mailer.ts";
import {
  demoInput,
  holdWithEveryone,
  startTestRuntime,
  type TestRuntime,
  uploadDemoTranscript,
} from "./support.ts";

const day = 86_400_000;
const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

async function runtime(): Promise<TestRuntime> {
  const t = await startTestRuntime();
  open.push(t);
  return t;
}

async function invited(t: TestRuntime): Promise<Meeting> {
  return (await t.runtime.startMeeting(await demoInput())).meeting;
}

async function hold(t: TestRuntime, meeting: Meeting): Promise<void> {
  // The transcript comes by upload only (issue 16, finding 9), here before the meeting is held.
  await uploadDemoTranscript(t.runtime, meeting.id);
  await holdWithEveryone(t.runtime, meeting);
}

function tokenOf(email: OutgoingEmail | undefined): string {
  const token = /\/r\/([a-z2-7]+)/.exec(email?.text ?? "")?.[1];
  if (!token) throw new Error(`no answer-page link in the ${email?.kind ?? "missing"} email`);
  return token;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

/** The answer page as a browser sees it (same origin). */
async function page(desk: ReplyDesk, method: "GET" | "POST", token: string, body?: string, cookie?: string) {
  return handleReplyPage(
    {
      method,
      path: `/r/${token}`,
      headers: {
        host: "127.0.0.1:8787",
        ...(method === "POST"
          ? { origin: "http://127.0.0.1:8787", "content-type": "application/x-www-form-urlencoded" }
          : {}),
        ...(cookie ? { cookie } : {}),
      },
      body,
    },
    replyPagePort(desk),
    pageOptions,
  );
}

const pageOptions = { csrfKey: csrfKeyFrom("e2e-test reply secret, 32 characters or more"), secure: false };

/** A form as the page served it earlier: its hidden fields (and cookie), to post a choice from later. */
function staleForm(
  res: ReplyPageResponse,
): (choice: string, text?: string) => { body: string; cookie?: string } {
  const hidden = [...res.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)];
  expect(hidden.length).toBeGreaterThan(0);
  const setCookie = Object.entries(res.headers).find(([k]) => k.toLowerCase() === "set-cookie")?.[1];
  return (choice, text = "") => {
    const fields = new URLSearchParams(
      hidden.map(([, name, value]): [string, string] => [name ?? "", value ?? ""]),
    );
    fields.set("choice", choice);
    fields.set("text", text);
    return { body: fields.toString(), ...(setCookie ? { cookie: setCookie.split(";")[0] } : {}) };
  };
}

function expectClosedPage(res: ReplyPageResponse, words: RegExp) {
  expect(res.body).toMatch(words);
  expect(res.body).not.toContain("<form");
}

async function approvalRequestTo(t: TestRuntime, meeting: Meeting, person: Invitee, version: number) {
  return must(
    t.mailer
      .forMeeting(meeting.id)
      .filter(
        (e) =>
          e.kind === "approval-request" &&
          e.to.some((a) => a.email === person.email) &&
          e.subject.includes(`(v${version})`),
      )
      .at(-1),
    `approval request v${version} to ${person.email}`,
  );
}

describe("a token stops acting once its question is closed", () => {
  it("changes nothing when apologies arrive after the chair recorded the meeting as held, and tells the sender", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    const desk = t.runtime.replyDesk();
    const late = must(
      meeting.invitees.find((p) => p.keyAgency),
      "key agency",
    );
    const invitation = must(t.mailer.latest(meeting.id, "invitation", late.email), "invitation");
    // The page as it was opened before the meeting, posted after it.
    const form = staleForm(await page(desk, "GET", tokenOf(invitation)));
    await hold(t, meeting);
    const before = t.mailer.forMeeting(meeting.id).length;

    const outcome = await applyRawReply(desk, await replyTo(invitation, late, "Apologies, I cannot attend."));
    await t.runtime.settle();

    expect(outcome).toMatchObject({ status: "closed", closed: { reason: "meeting-held" } });
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === late.index);
    expect(answer?.attendance).toBe("attended");
    const after = t.mailer.forMeeting(meeting.id).slice(before);
    // No report is asked for a meeting already held; the sender alone is answered, once.
    expect(after.map((e) => [e.kind, e.to.map((a) => a.email)])).toEqual([
      ["reply-not-applied", [late.email]],
    ]);
    const answered = must(after[0], "answer");
    expect(answered.text).toContain("already been held");
    expect(answered.text).toContain(meeting.chair.name);
    expect(answered.replyTo).toBeUndefined();
    expect(answered.headers?.["Auto-Submitted"]).toBe("auto-generated");
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "reply-closed")).toHaveLength(1);
    expect(audit.some((e) => e.what === "answer:apologies")).toBe(false);

    // The same answer on the page: GET and POST say the question is closed, with no form.
    expectClosedPage(await page(desk, "GET", tokenOf(invitation)), /The meeting has been held/);
    const { body, cookie } = form("apologies");
    const posted = await page(desk, "POST", tokenOf(invitation), body, cookie);
    expect(posted.status).toBe(409);
    expectClosedPage(posted, /The meeting has been held/);
    expect(
      (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === late.index)?.attendance,
    ).toBe("attended");
  }, 60_000);

  it("never answers an automatic reply or a bounce to a closed question", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    const person = must(meeting.invitees[0], "invitee");
    const invitation = must(t.mailer.latest(meeting.id, "invitation", person.email), "invitation");
    await hold(t, meeting);
    const before = t.mailer.forMeeting(meeting.id).length;
    const outOfOffice = await new MailComposer({
      from: { name: person.name, address: person.email },
      to: invitation.replyTo?.email,
      subject: `Automatic reply: ${invitation.subject}`,
      text: "I am out of the office and cannot attend meetings until Monday.",
      headers: { "Auto-Submitted": "auto-replied" },
    })
      .compile()
      .build();
    const outcome = await applyRawReply(t.runtime.replyDesk(), outOfOffice);
    expect(outcome).toMatchObject({ status: "refused", reason: "auto-reply" });
    // A bounce of a reply comes from the mail system, not the invitee: refused, never answered.
    const bounce = await new MailComposer({
      from: { name: "Mail Delivery System", address: "MAILER-DAEMON@school.example.sch.uk" },
      to: invitation.replyTo?.email,
      subject: "Undelivered Mail Returned to Sender",
      text: "This is the mail system. Your message could not be delivered to one or more recipients.",
      headers: { "Auto-Submitted": "auto-replied" },
    })
      .compile()
      .build();
    expect((await applyRawReply(t.runtime.replyDesk(), bounce)).status).toBe("refused");
    expect(t.mailer.forMeeting(meeting.id).slice(before)).toEqual([]);
  }, 60_000);

  it("refuses an approval of a superseded minutes version and answers naming the current version", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    await hold(t, meeting);
    const desk = t.runtime.replyDesk();
    const [asker, late] = [must(meeting.invitees[0], "asker"), must(meeting.invitees[1], "late approver")];
    const lateV1 = await approvalRequestTo(t, meeting, late, 1);
    await applyRawReply(
      desk,
      await replyTo(
        await approvalRequestTo(t, meeting, asker, 1),
        asker,
        "Item 2 should say the school was visited.",
      ),
    );
    await t.runtime.settle();
    const chairToken = tokenOf(await approvalRequestTo(t, meeting, meeting.chair, 1));
    const accepted = await desk.applyPage(chairToken, `accept-change-${asker.index}`, "", "test-accept");
    expect(accepted.status).toBe("applied");
    await t.runtime.settle();
    expect((await t.runtime.store.getMeeting(meeting.id)).minutesVersion).toBe(2);
    const before = t.mailer.forMeeting(meeting.id).length;

    const outcome = await applyRawReply(desk, await replyTo(lateV1, late, "Approved, no changes."));
    await t.runtime.settle();

    expect(outcome).toMatchObject({ status: "closed", closed: { reason: "minutes-superseded", version: 2 } });
    expect((await t.runtime.store.listApprovals(meeting.id, 1)).some((a) => a.index === late.index)).toBe(
      false,
    );
    expect((await t.runtime.store.listApprovals(meeting.id, 2)).some((a) => a.index === late.index)).toBe(
      false,
    );
    const after = t.mailer.forMeeting(meeting.id).slice(before);
    expect(after.map((e) => e.kind)).toEqual(["reply-not-applied"]);
    expect(after[0]?.text).toContain("updated to version 2");
    expect(after[0]?.text).toContain("the link in the email with version 2");
    // The chair's page for version 1 now says the minutes moved on.
    expectClosedPage(await page(desk, "GET", chairToken), /updated to version 2/);
  }, 60_000);

  it("gives a distributed meeting no new version from a change asked and accepted on old approval tokens", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    await hold(t, meeting);
    const desk = t.runtime.replyDesk();
    const asker = must(meeting.invitees[0], "asker");
    const askerV1 = await approvalRequestTo(t, meeting, asker, 1);
    const chairToken = tokenOf(await approvalRequestTo(t, meeting, meeting.chair, 1));
    const chairForm = staleForm(await page(desk, "GET", chairToken));
    for (const request of t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "approval-request")) {
      const person = must(
        [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email),
        "recipient",
      );
      await applyRawReply(desk, await replyTo(request, person, "Approved."));
      await t.runtime.settle();
    }
    await t.runtime.advance(day);
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("closed");
    const before = t.mailer.forMeeting(meeting.id).length;

    // An attendee asks for a change on the 60-day token of version 1 ...
    const asked = await applyRawReply(
      desk,
      await replyTo(askerV1, asker, "Item 2 should say the school was visited."),
    );
    expect(asked).toMatchObject({ status: "closed", closed: { reason: "minutes-distributed", version: 1 } });
    // ... and the chair tries to accept it, from the page and from a copy of the page opened earlier.
    const onDesk = await desk.applyPage(chairToken, `accept-change-${asker.index}`, "", "late-accept");
    expect(onDesk).toMatchObject({ status: "closed", closed: { reason: "minutes-distributed" } });
    expectClosedPage(await page(desk, "GET", chairToken), /have been sent to everyone/);
    const { body, cookie } = chairForm(`accept-change-${asker.index}`);
    const posted = await page(desk, "POST", chairToken, body, cookie);
    expect(posted.status).toBe(409);
    expectClosedPage(posted, /have been sent to everyone/);
    await t.runtime.settle();

    const after = await t.runtime.store.getMeeting(meeting.id);
    expect(after.minutesVersion).toBe(1);
    await expect(t.runtime.store.getMinutesVersion(meeting.id, 2)).rejects.toThrow();
    expect(
      (await t.runtime.store.listApprovals(meeting.id, 1)).filter((a) => a.response === "request-changes"),
    ).toEqual([]);
    // Only the asker was answered (by email); the chair saw the page. Nobody else got anything.
    expect(
      t.mailer
        .forMeeting(meeting.id)
        .slice(before)
        .map((e) => [e.kind, e.to.map((a) => a.email)]),
    ).toEqual([["reply-not-applied", [asker.email]]]);

    // An action's token, once the action is done, is closed too.
    const action = must(
      (await t.runtime.store.listActions(meeting.id)).find((a) => a.responsible.inviteeIndex !== undefined),
      "action with an invited owner",
    );
    const owner = must(
      [meeting.chair, ...meeting.invitees].find((p) => p.index === action.responsible.inviteeIndex),
      "action owner",
    );
    const link = t.runtime.deps.replies.link(
      meeting.id,
      owner.index,
      "action",
      action.number,
      new Date(t.runtime.clock.now().getTime() + 90 * day),
    );
    const reminder: OutgoingEmail = { ...askerV1, kind: "action-reminder", replyTo: { email: link.address } };
    expect((await applyRawReply(desk, await replyTo(reminder, owner, "Done, referral sent."))).status).toBe(
      "applied",
    );
    await t.runtime.settle();
    const again = await applyRawReply(
      desk,
      await replyTo(reminder, owner, "Done, I sent the referral last week."),
    );
    expect(again).toMatchObject({
      status: "closed",
      closed: { reason: "action-closed", number: action.number, status: "done" },
    });
    expect(t.mailer.latest(meeting.id, "reply-not-applied", owner.email)?.text).toContain(
      `Action ${action.number} is already recorded as done`,
    );
    expectClosedPage(
      await page(desk, "GET", link.token),
      new RegExp(`Action ${action.number} is already closed`),
    );
  }, 120_000);

  it("has no effect when the chair decides a change that is already decided", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    await hold(t, meeting);
    const desk = t.runtime.replyDesk();
    const asker = must(meeting.invitees[0], "asker");
    await applyRawReply(
      desk,
      await replyTo(
        await approvalRequestTo(t, meeting, asker, 1),
        asker,
        "Item 2 should say the school was visited.",
      ),
    );
    await t.runtime.settle();
    const chairToken = tokenOf(await approvalRequestTo(t, meeting, meeting.chair, 1));
    const chairForm = staleForm(await page(desk, "GET", chairToken));
    expect((await desk.applyPage(chairToken, `reject-change-${asker.index}`, "", "reject")).status).toBe(
      "applied",
    );
    await t.runtime.settle();

    const decidedAgain = await desk.applyPage(chairToken, `accept-change-${asker.index}`, "", "accept");
    expect(decidedAgain).toMatchObject({
      status: "closed",
      closed: { reason: "change-decided", decision: "rejected" },
    });
    // The page opened before the rejection still offers "accept": posting it says the change was decided.
    const { body, cookie } = chairForm(`accept-change-${asker.index}`);
    const posted = await page(desk, "POST", chairToken, body, cookie);
    expect(posted.status).toBe(409);
    expectClosedPage(posted, /already been rejected/);
    await t.runtime.settle();

    expect((await t.runtime.store.getMeeting(meeting.id)).minutesVersion).toBe(1);
    const request = (await t.runtime.store.listApprovals(meeting.id, 1)).find((a) => a.index === asker.index);
    expect(request?.chairDecision).toBe("rejected");
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what.startsWith("change-")).map((e) => e.what)).toEqual(["change-rejected"]);
    // The requester is told, once, that the change was not accepted, with the change they asked for.
    const told = t.mailer.sent.filter((e) => e.kind === "change-decision");
    expect(told.map((e) => e.to.map((r) => r.email))).toEqual([[asker.email]]);
    expect(told[0]?.subject).toMatch(/Your change to the minutes was not accepted/);
    expect(told[0]?.text).toMatch(/escalation policy/);
  }, 60_000);
});

describe("the use cases check the question again with what they read", () => {
  it("refuses apologies from a desk that read the meeting before the chair recorded attendance", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    const person = must(
      meeting.invitees.find((p) => p.keyAgency),
      "key agency",
    );
    const readBefore = await t.runtime.store.getMeeting(meeting.id);
    await hold(t, meeting);
    const before = t.mailer.forMeeting(meeting.id).length;
    const result = await recordAttendanceAnswer(
      t.runtime.kernel,
      meeting.id,
      person.index,
      "apologies",
      undefined,
      "test",
      {
        known: readBefore,
        question: { purpose: "invitation", ref: 0 },
      },
    );
    expect(result).toMatchObject({ recorded: false, closed: { reason: "meeting-held" } });
    expect(
      (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index)?.attendance,
    ).toBe("attended");
    expect(t.mailer.forMeeting(meeting.id).slice(before)).toEqual([]);
  }, 60_000);

  it("refuses a change asked on minutes every attendee has agreed, even on a meeting read before", async () => {
    const t = await runtime();
    const meeting = await invited(t);
    await hold(t, meeting);
    const desk = t.runtime.replyDesk();
    const asker = must(meeting.invitees[0], "asker");
    const requests = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "approval-request");
    for (const request of requests) {
      const person = must(
        [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email),
        "recipient",
      );
      // The last approval is held back: the meeting is read while the minutes still await it.
      if (request === requests.at(-1)) {
        const readBefore = await t.runtime.store.getMeeting(meeting.id);
        await applyRawReply(desk, await replyTo(request, person, "Approved."));
        const result = await recordApproval(
          t.runtime.kernel,
          meeting.id,
          asker.index,
          1,
          "request-changes",
          "Item 2 should say the school was visited.",
          "test",
          readBefore,
        );
        expect(result).toMatchObject({ recorded: false, closed: { reason: "minutes-agreed", version: 1 } });
      } else {
        await applyRawReply(desk, await replyTo(request, person, "Approved."));
      }
      await t.runtime.settle();
    }
    const approvals = await t.runtime.store.listApprovals(meeting.id, 1);
    expect(approvals.find((a) => a.index === asker.index)?.response).toBe("approve");
  }, 60_000);
});
