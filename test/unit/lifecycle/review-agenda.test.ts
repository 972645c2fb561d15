import { describe, expect, it } from "vitest";
import { agendaText } from "../../../domain/catalog/agenda-outline.ts";
import { actionProgress, reviewAgenda } from "../../../domain/lifecycle/review-agenda.ts";
import type { Series } from "../../../domain/lifecycle/series.ts";
import { testAction, testMeeting } from "./support.ts";

const series = (reviewAgenda: Series["reviewAgenda"]): Series => ({
  number: 1,
  next: null,
  thereafter: null,
  minutesWithin: null,
  reviewAgreedBy: "all-attendees",
  reviewRecordName: "Minutes",
  reviewType: { id: "rpm", name: "Review Professionals Meeting" },
  reviewAgenda,
  agendaValues: { child: "C-1", link: "https://meet.example.org/x" },
  everyMeetingFollowUps: [],
  cpmWindows: [],
});

const actions = [
  testAction({ number: 2, status: "open" }),
  testAction({ number: 1, action: "Refer to CAMHS", status: "done", closedAt: "2026-07-20T10:00:00Z" }),
  testAction({
    number: 3,
    action: "Book the hoist assessment",
    status: "slipped",
    responsible: { name: "Dr Aisha Karim", role: "camhs" },
  }),
];

describe("the review meeting's agenda (seed 000: review meetings avoid slippage of agreed actions)", () => {
  it("says of each action what, who, when due and where it stands", () => {
    expect(actionProgress(actions[1] as never)).toBe(
      "Action 1: Refer to CAMHS. Sam Social Worker, due Wednesday 15 July 2026: done on Monday 20 July 2026, late.",
    );
    expect(actionProgress(actions[2] as never)).toBe(
      "Action 3: Book the hoist assessment. Dr Aisha Karim (camhs), due Wednesday 15 July 2026: slipped: not done by its date; to be agreed again.",
    );
  });

  it("fills the review type's template afresh and opens it with the previous meeting's actions, in order", () => {
    const agenda = reviewAgenda({
      series: series({
        title: "Review re [child]",
        lines: ["Via [link] on [date] at [time]"],
        sections: [{ heading: "Agenda", items: [{ text: "Introductions" }, { text: "Decisions" }] }],
      }),
      date: "Tuesday 28 April 2026",
      time: "10:00",
      previous: testMeeting().agenda,
      actions: actions as never,
    });
    const text = agendaText(agenda).join("\n");
    expect(text).toContain("Via https://meet.example.org/x on Tuesday 28 April 2026 at 10:00");
    expect(agenda.sections[0]?.heading).toBe("Progress on the actions agreed at the last meeting");
    expect(agenda.sections[0]?.items.map((i) => i.text.slice(0, 8))).toEqual([
      "Action 1",
      "Action 2",
      "Action 3",
    ]);
    expect(agenda.sections[1]?.items.map((i) => i.text)).toEqual(["Introductions", "Decisions"]);
  });

  it("puts the actions under a template's own progress item (seed 000's RPM) instead of a second section", () => {
    const agenda = reviewAgenda({
      series: series({
        title: "RPM",
        lines: [],
        sections: [
          {
            heading: "Agenda",
            items: [
              { text: "Introductions" },
              { text: "Progress on the actions agreed at the last professionals meeting" },
            ],
          },
        ],
      }),
      date: "Tuesday 28 April 2026",
      time: "10:00",
      previous: testMeeting().agenda,
      actions: [],
    });
    expect(agenda.sections).toHaveLength(1);
    expect(agenda.sections[0]?.items[1]?.subItems).toEqual(["No actions were agreed at the last meeting."]);
  });
});
