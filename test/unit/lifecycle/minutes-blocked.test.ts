import { describe, expect, it } from "vitest";
import { blockedNotice } from "../../../domain/lifecycle/minutes-blocked.ts";

const base = {
  version: 2,
  unanswered: 0,
  blockers: ["childs-views: the minutes do not record the child's views (seed 001)"],
  minutesDueBy: "2026-12-10T17:00:00.000Z",
  now: new Date("2026-12-05T10:00:00.000Z"),
};

describe("blocked minutes (issue 10 item 3)", () => {
  it("says nothing while an approver has still to answer", () => {
    expect(blockedNotice({ ...base, unanswered: 1 }).kind).toBe("none");
  });
  it("says nothing when nothing blocks", () => {
    expect(blockedNotice({ ...base, blockers: [] }).kind).toBe("none");
  });
  it("seed 001: tells the chair once per version exactly what is missing and how to supply it", () => {
    const notice = blockedNotice(base);
    expect(notice.kind).toBe("chair");
    if (notice.kind === "none") throw new Error("no notice");
    expect(notice.once).toBe("minutes-blocked:v2");
    expect(notice.lines.join("\n")).toContain("child's views");
    expect(notice.lines.join("\n")).toContain("reply to the approval email");
  });
  it("tells the team manager once after the distribution deadline", () => {
    const notice = blockedNotice({ ...base, now: new Date("2026-12-11T09:00:00.000Z") });
    expect(notice.kind).toBe("team-manager");
    if (notice.kind === "none") throw new Error("no notice");
    expect(notice.once).toBe("minutes-blocked:tm:v2");
  });
});
