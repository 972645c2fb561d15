/**
 * `convene simulate`: an authority's caseload on the embedded runtime's virtual clock, through the
 * same lifecycle as real meetings (issue 13), so a council can see the report, the email volume and
 * the cost before it deploys.
 *
 * 1. The caseload: N children, each on a journey that opens with a meeting of its type (a child in
 *    need's Child and Family Progress Meeting, a child looked after's Care Planning Meeting,
 *    pre-proceedings, care proceedings, a core group, Team Around the Child), chaired by a worker
 *    from the directory, convened on a day in the first four weeks. Each review is convened by the
 *    lifecycle itself, at the type's statutory cadence.
 * 2. Each simulated day: the clock moves to 08:00 (every reminder, deadline and escalation on the
 *    way fires at its own time); invited people answer by real email (MIME through the inbound
 *    path) at the given rates; after a meeting the chair records who attended and uploads the
 *    transcript; approvers agree the minutes by reply, or do not and the chair confirms the deemed
 *    agreement when escalated; each agreed action is done on time, late, never (it slips up the
 *    ladder), or is given a new date by the team manager.
 * 3. The ledger: what the simulation itself did, counted as it did it, so a test can check the
 *    compliance report's figures against it independently.
 *
 * Random choices come from one seeded generator: the same seed gives the same caseload.
 */

import { isWorkingDay } from "../../domain/clock/index.ts";
import { agreeNewActionDate } from "../../domain/lifecycle/agree-new-action-date.ts";
import { StartMeetingError } from "../../domain/lifecycle/create-meeting.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { reschedule } from "../../domain/lifecycle/reschedule.ts";
import { dateTimeFormat, localDate } from "../../domain/lifecycle/time.ts";
import { markActionDone } from "../../domain/lifecycle/track-actions.ts";
import type { OutgoingEmail } from "../../domain/ports/mailer.ts";
import { loadDemoDirectory } from "./demo-directory.ts";
import { replyTo } from "./demo-scenario.ts";
import { applyRawReply } from "./inbound.ts";
import type { RecordingMailer } from "./recording-mailer.ts";
import type { LocalRuntime } from "./runtime.ts";
import { seededRandom } from "./seeded-random.ts";

const day = 24 * 3_600_000;

/** How people behave, per simulated day or per action. */
export interface SimulationRates {
  /** Chance an invited person who has not answered answers on a given day. */
  answerPerDay: number;
  /** Of those who answer, the share who attend (the rest send apologies). */
  attend: number;
  /** Chance the chair records the meeting on a day after it (otherwise a day later). */
  recordPerDay: number;
  /** Chance an approver who has not answered approves on a given day. */
  approvePerDay: number;
  /** Chance the chair confirms a deemed agreement on a day after being escalated to. */
  confirmDeemedPerDay: number;
  /** Share of people at a meeting who never answer it (chased, then deemed or recorded absent). */
  silent: number;
  /** Share of meetings the chair moves once, one to three weeks later (possibly past the statutory date). */
  reschedule: number;
  /** Share of children whose first meeting is planned after its statutory date (with a reason recorded). */
  lateFirstMeeting: number;
  /** Child in Need visits (seed 004): made by their due day, late, or not made (the rest). */
  visits: { onTime: number; late: number };
  /** What becomes of each agreed action (the shares add up to 1). */
  actions: { onTime: number; late: number; redated: number; never: number };
}

export const defaultRates: SimulationRates = {
  answerPerDay: 0.45,
  attend: 0.85,
  recordPerDay: 0.8,
  approvePerDay: 0.5,
  confirmDeemedPerDay: 0.7,
  silent: 0.08,
  reschedule: 0.06,
  lateFirstMeeting: 0.08,
  visits: { onTime: 0.85, late: 0.1 },
  actions: { onTime: 0.65, late: 0.15, redated: 0.05, never: 0.15 },
};

export interface SimulationOptions {
  children: number;
  months: number;
  seed: number;
  rates?: SimulationRates;
  /** Meetings created elsewhere (e.g. through the local API) to drive as well, by id. */
  adopt?: string[];
  /** Called after each simulated day (progress). */
  onDay?: (dayNumber: number, days: number) => void;
}

/** What the simulation did, counted by itself (not read back from the store). */
export interface SimulationLedger {
  convened: Array<{ meetingId: string; typeId: string; child: string; byLifecycle: boolean }>;
  /** Meetings the chair recorded as held, with the day it was held. */
  held: Array<{ meetingId: string; typeId: string; heldOn: string }>;
  invitationAnswers: number;
  approvals: number;
  /** Meetings the chair moved. */
  rescheduled: number;
  /** Records whose missing sections the chair supplied by reply. */
  sectionsSupplied: number;
  /** Child and Family Progress Plans started (seed 004). */
  plans: number;
  /** Child in Need visits the simulation made: due by, and the day made. */
  visits: Array<{ child: string; dueBy: string; visitedOn: string }>;
  deemedConfirmed: number;
  /** Each agreed action and what the simulation did with it. */
  actions: Array<{
    meetingId: string;
    number: number;
    fate: "on-time" | "late" | "redated" | "never";
    /** When it was marked done, and its due date then: late when after. */
    doneOn?: string;
    dueOn?: string;
  }>;
}

export interface SimulationResult {
  ledger: SimulationLedger;
  from: string;
  to: string;
  emailsByKind: Record<string, number>;
  emails: number;
  executions: number;
  failedExecutions: string[];
  transitions: number;
  invocations: number;
  dynamoRequests: number;
}

/** People outside the council's directory whom the meetings invite (by role). */
const outside = {
  parent: (n: number) => ({ name: `Parent ${n}`, email: `parent.${n}@family.example.org`, agency: "Family" }),
  familyFriend: (n: number) => ({
    name: `Family Friend ${n}`,
    email: `friend.${n}@family.example.org`,
    agency: "Family",
  }),
  council: (name: string, team: string) => ({
    name,
    email: `${name.toLowerCase().replace(/ /g, ".")}@demo.convene.local`,
    agency: `Demo Borough Council ${team}`,
  }),
  senco: {
    name: "Mark Bell",
    email: "senco@oakfield-primary.example.org",
    agency: "Oakfield Primary School",
  },
  camhs: { name: "Dr Aisha Karim", email: "aisha.karim@camhs.example.org", agency: "Demo CAMHS" },
  guardian: { name: "Grace Mensah", email: "grace.mensah@cafcass.example.org", agency: "Cafcass" },
  childsSolicitor: {
    name: "Priya Shah",
    email: "priya.shah@shah-solicitors.example.org",
    agency: "Shah & Co Solicitors",
  },
  parentsSolicitor: { name: "Lee Advocate", email: "lee@family-law.example.org", agency: "Family Law LLP" },
  schoolNurse: {
    name: "Hana Visitor",
    email: "hana.visitor@nhs.example.org",
    agency: "Demo Community Health",
  },
};

interface Journey {
  typeId: string;
  weight: number;
  /** The directory's people who chair it (emails). */
  chairs: string[];
  /** The plan, for a meeting on `meetingDay` (YYYY-MM-DD) for child number `n`. */
  plan: (
    meetingDay: string,
    n: number,
    staff: Map<string, { name: string; email: string; agency: string }>,
    /** Days the event that starts the statutory clock is moved back: a meeting planned late. */
    lateBy: number,
  ) => {
    invitees: Array<{ name: string; email: string; agency: string; role: string }>;
    extra: Record<string, unknown>;
  };
}

const plus = (dayText: string, days: number) =>
  new Date(Date.parse(`${dayText}T12:00:00Z`) + days * day).toISOString().slice(0, 10);

const socialWorkers = [
  "tom.hughes@demo.convene.local",
  "chloe.adams@demo.convene.local",
  "leo.grant@demo.convene.local",
  "nadia.rahman@demo.convene.local",
];
const teamManagers = ["jordan.ellis@demo.convene.local", "maya.brooks@demo.convene.local"];

const staffAs = (
  staff: Map<string, { name: string; email: string; agency: string }>,
  email: string,
  role: string,
) => {
  const p = staff.get(email);
  if (!p) throw new Error(`the directory has no ${email}`);
  return { name: p.name, email: p.email, agency: p.agency, role };
};

/** The caseload's journeys and how common each is. */
export const journeys: Journey[] = [
  {
    typeId: "cfpm",
    weight: 35,
    chairs: socialWorkers,
    plan: (d, n, _staff, lateBy) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.senco, role: "senco" },
        { ...outside.schoolNurse, role: "school-nurse" },
      ],
      extra: { trigger: { kind: "plan-start", date: plus(d, -7 - lateBy) } },
    }),
  },
  {
    typeId: "cpm",
    weight: 25,
    chairs: socialWorkers,
    plan: (d, n, staff, lateBy) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.senco, role: "senco" },
        staffAs(staff, "ruth.daniels@demo.convene.local", "independent-reviewing-officer"),
      ],
      extra: {
        trigger: { kind: "cla-review", date: plus(d, -30 - lateBy) },
        claReviews: [{ date: plus(d, -30 - lateBy) }, { date: plus(d, 60) }],
      },
    }),
  },
  {
    typeId: "pre-proceedings",
    weight: 10,
    chairs: teamManagers,
    plan: (_d, n, staff) => ({
      invitees: [
        staffAs(staff, "tom.hughes@demo.convene.local", "social-worker"),
        { ...outside.parent(n), role: "parent" },
        { ...outside.parentsSolicitor, role: "parents-legal-representative" },
        staffAs(staff, "owen.price@demo.convene.local", "la-solicitor"),
      ],
      extra: {},
    }),
  },
  {
    typeId: "pm",
    weight: 10,
    chairs: [outside.childsSolicitor.email],
    plan: (d, _n, staff, lateBy) => ({
      invitees: [
        staffAs(staff, "leo.grant@demo.convene.local", "social-worker"),
        { ...outside.guardian, role: "childrens-guardian" },
        { ...outside.camhs, role: "camhs" },
      ],
      extra: {
        trigger: { kind: "case-management-hearing", date: plus(d, 9 - lateBy) },
        inCareProceedings: true,
      },
    }),
  },
  {
    typeId: "core-group",
    weight: 10,
    chairs: socialWorkers,
    plan: (_d, n) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.senco, role: "senco" },
        { ...outside.camhs, role: "camhs" },
      ],
      extra: {},
    }),
  },
  {
    typeId: "tac",
    weight: 10,
    chairs: socialWorkers,
    plan: (_d, n) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.senco, role: "senco" },
      ],
      extra: {},
    }),
  },
  {
    typeId: "fnm",
    weight: 3,
    chairs: socialWorkers,
    plan: (d, n, _staff, lateBy) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.familyFriend(n), role: "family-network" },
      ],
      extra: { trigger: { kind: "plan-start", date: plus(d, -7 - lateBy) } },
    }),
  },
  {
    typeId: "specific-issue-cpm",
    weight: 2,
    chairs: socialWorkers,
    plan: (d, n, _staff, lateBy) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.camhs, role: "camhs" },
      ],
      extra: { trigger: { kind: "specific-issue", date: plus(d, -7 - lateBy) } },
    }),
  },
  {
    typeId: "legal-cpm",
    weight: 2,
    chairs: socialWorkers,
    plan: (d, _n, staff, lateBy) => ({
      invitees: [
        staffAs(staff, "owen.price@demo.convene.local", "la-solicitor"),
        staffAs(staff, "maya.brooks@demo.convene.local", "team-manager"),
      ],
      extra: { trigger: { kind: "legal-gateway", date: plus(d, -7 - lateBy) } },
    }),
  },
  {
    typeId: "lpm",
    weight: 2,
    chairs: teamManagers,
    plan: (_d, _n, staff) => ({
      invitees: [
        staffAs(staff, "tom.hughes@demo.convene.local", "social-worker"),
        staffAs(staff, "owen.price@demo.convene.local", "la-solicitor"),
      ],
      extra: {},
    }),
  },
  {
    typeId: "permanency-planning",
    weight: 2,
    chairs: teamManagers,
    plan: (_d, _n, staff) => ({
      invitees: [
        staffAs(staff, "leo.grant@demo.convene.local", "social-worker"),
        { ...outside.council("Cara Care", "Children in Care Team"), role: "children-in-care-team" },
        { ...outside.council("Finn Foster", "Fostering"), role: "fostering-social-worker" },
        { ...outside.council("Fay Finder", "Family Finding"), role: "family-finding-social-worker" },
        staffAs(staff, "owen.price@demo.convene.local", "la-solicitor"),
        { ...outside.guardian, role: "childrens-guardian" },
      ],
      extra: { inCareProceedings: true },
    }),
  },
  {
    typeId: "generic",
    weight: 2,
    chairs: socialWorkers,
    plan: (_d, n) => ({
      invitees: [
        { ...outside.parent(n), role: "parent" },
        { ...outside.senco, role: "senco" },
      ],
      extra: {},
    }),
  },
];

/** The chair's role at the meeting: a team manager chairs legal and permanency meetings (seed 003). */
function chairRole(journey: Journey): string {
  if (journey.chairs === teamManagers) return "team-manager";
  return journey.typeId === "pm" ? "childs-solicitor" : "social-worker";
}

/** What each kind of professional agrees to do at a meeting (the simulated transcripts' actions). */
const tasksByRole: Record<string, string[]> = {
  senco: [
    "request an early annual review of the EHCP",
    "share the school's attendance record",
    "arrange a reduced timetable review",
  ],
  camhs: ["complete the CAMHS assessment and share the report", "offer an appointment for the family"],
  "school-nurse": ["complete the health assessment", "refer to the community paediatrician"],
  "social-worker": [
    "update the child's plan with the agreed changes",
    "complete the parenting assessment",
    "visit the family at home",
  ],
  "la-solicitor": ["draft the Part 25 application", "advise on the threshold in writing"],
  "independent-reviewing-officer": [
    "bring forward the child looked after review",
    "consult the child before the review",
  ],
  "childrens-guardian": ["share the guardian's analysis with the parties"],
  "team-manager": ["agree the resources for the plan", "confirm the legal gateway decision"],
};

const spokenDate = (dayText: string) =>
  dateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${dayText}T12:00:00Z`),
  );

const childsViews =
  "On the child's views: they told their social worker they want to stay at their school and see their family every weekend. Their views shaped the decision to keep them at their school.";

/**
 * A transcript of the meeting as its people would speak it (WebVTT, one cue a turn): the chair
 * opens; each professional gives an update and, mostly, takes an action with a date (by a day, or
 * within working days; now and then none, which the chair is asked to set); the child's views, a
 * decision and a contingency plan are minuted; the chair names the next meeting's date.
 */
export function simulatedTranscript(meeting: Meeting, random: () => number): Buffer {
  const day = meeting.start.slice(0, 10);
  const cues: Array<[string, string]> = [];
  cues.push([
    meeting.chair.name,
    `Good morning everyone. I'm ${meeting.chair.name} and I'll chair today's ${meeting.typeName} for ${meeting.child.reference}. The meeting is being transcribed.`,
  ]);
  for (const p of meeting.invitees) {
    if (p.family) {
      cues.push([
        p.name,
        "We have been trying the new routine at home and it is a bit better in the mornings.",
      ]);
      continue;
    }
    const tasks = tasksByRole[p.role] ?? ["send a written update to the chair"];
    cues.push([
      p.name,
      `From ${p.agency || "our service"}, things are moving and we will keep the family updated.`,
    ]);
    if (random() < 0.75) {
      const task = tasks[Math.floor(random() * tasks.length)] as string;
      const when =
        random() < 0.15
          ? ""
          : random() < 0.5
            ? ` within ${5 + Math.floor(random() * 11)} working days`
            : ` by ${spokenDate(workingDayFrom(plus(day, 10 + Math.floor(random() * 25))))}`;
      cues.push([p.name, `Action: ${p.name} to ${task}${when}.`]);
    }
  }
  // Now and then the child's views are not minuted: the chair is asked to supply them.
  if (random() >= 0.1) cues.push([meeting.chair.name, childsViews]);
  cues.push([meeting.chair.name, "Decision: the plan continues with the support agreed today."]);
  cues.push([
    meeting.chair.name,
    "Contingency plan: if the plan does not keep the child safe, an urgent meeting will be called and a placement with family sought.",
  ]);
  cues.push([
    meeting.chair.name,
    `We agreed that the next meeting will take place on ${spokenDate(workingDayFrom(plus(day, 84)))}. Thank you all.`,
  ]);
  const stamp = (seconds: number) => {
    const h = String(Math.floor(seconds / 3600)).padStart(2, "0");
    const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
    const s = String(seconds % 60).padStart(2, "0");
    return `${h}:${m}:${s}.000`;
  };
  const lines = ["WEBVTT", ""];
  cues.forEach(([speaker, text], i) => {
    lines.push(`${stamp(5 + i * 30)} --> ${stamp(5 + i * 30 + 25)}`, `<v ${speaker}>${text}`, "");
  });
  return Buffer.from(lines.join("\n"));
}

const maxDay = (a: string, b: string) => (a > b ? a : b);

/** The next working day on or after `dayText`. */
function workingDayFrom(dayText: string): string {
  let d = dayText;
  while (!isWorkingDay(d, "england-and-wales")) d = plus(d, 1);
  return d;
}

/**
 * Runs the simulation on `runtime` (a virtual clock; its mailer recorded by `mailer`). The staff
 * directory is the demo authority's (imported if the store has none).
 */
export async function runSimulation(
  runtime: LocalRuntime,
  mailer: RecordingMailer,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const rates = options.rates ?? defaultRates;
  const random = seededRandom(options.seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tz = runtime.authority.timezone;
  const start = runtime.clock.now();
  const startDay = localDate(start, tz);
  const end = new Date(start.getTime());
  end.setUTCMonth(end.getUTCMonth() + options.months);
  const ledger: SimulationLedger = {
    convened: [],
    held: [],
    invitationAnswers: 0,
    approvals: 0,
    rescheduled: 0,
    sectionsSupplied: 0,
    plans: 0,
    visits: [],
    deemedConfirmed: 0,
    actions: [],
  };
  const requestsBefore = runtime.dynamo.requests;
  const transitionsBefore = runtime.workflow.counters.transitions;
  const invocationsBefore = runtime.workflow.counters.invocations;

  // 1. The directory, and each child's journey, worker and first meeting.
  const directory = await runtime.directory.getDirectory(runtime.authority.id);
  if (directory.revision === 0) {
    const people = loadDemoDirectory();
    await runtime.directory.replaceDirectory(runtime.authority.id, people, 0, {
      at: start.toISOString(),
      by: "convene simulate",
      source: "import",
      summary: `imported the demo authority's ${people.length} staff for the simulation`,
      added: people.length,
      removed: 0,
      changed: 0,
    });
  }
  const staff = new Map(
    (await runtime.directory.getDirectory(runtime.authority.id)).people.map((p) => [
      p.email,
      { name: p.name, email: p.email, agency: p.agency },
    ]),
  );
  staff.set(outside.childsSolicitor.email, outside.childsSolicitor);
  const totalWeight = journeys.reduce((n, j) => n + j.weight, 0);
  const children = Array.from({ length: options.children }, (_, i) => {
    const r = random() * totalWeight;
    let sum = 0;
    const journey =
      journeys.find((j) => {
        sum += j.weight;
        return r < sum;
      }) ?? (journeys[0] as Journey);
    const conveneOn = plus(startDay, Math.floor(random() * 28));
    return {
      n: i + 1,
      reference: `SIM-${String(i + 1).padStart(5, "0")}`,
      journey,
      chair: pick(journey.chairs),
      conveneOn,
      // Aged 1 to 16 when the simulation starts.
      dateOfBirth: plus(startDay, -Math.round((1 + random() * 15) * 365.25)),
      // A child in need's first progress meeting is within 10 days of the plan starting (seed 004).
      meetingOn: workingDayFrom(
        plus(
          conveneOn,
          journey.typeId === "cfpm" ? 5 + Math.floor(random() * 3) : 7 + Math.floor(random() * 5),
        ),
      ),
      lateBy:
        random() < rates.lateFirstMeeting && journey.typeId !== "cfpm" ? 21 + Math.floor(random() * 21) : 0,
    };
  });

  const active = new Set<string>();
  const answered = new Set<string>();
  const handledEmails = new Set<string>();
  const fated = new Set<string>();
  /** Actions to mark done, by the day (YYYY-MM-DD) they are done. */
  const toDo = new Map<string, Array<{ meetingId: string; number: number; entry: number }>>();
  const redate = new Map<string, Array<{ meetingId: string; number: number; to: string }>>();

  const emailKey = (email: OutgoingEmail) => email.messageId ?? `${email.subject}|${email.to[0]?.email}`;
  const reply = async (email: OutgoingEmail, from: { name: string; email: string }, text: string) => {
    handledEmails.add(emailKey(email));
    await applyRawReply(runtime.replyDesk(), await replyTo(email, from, text));
  };

  const convene = async (child: (typeof children)[number]) => {
    const chair = staffAs(staff, child.chair, chairRole(child.journey));
    const plan = child.journey.plan(child.meetingOn, child.n, staff, child.lateBy);
    const body = (overrides: Record<string, string>) => ({
      plan: {
        meetingType: child.journey.typeId,
        child: { reference: child.reference, dateOfBirth: child.dateOfBirth },
        proposedStart: `${child.meetingOn}T10:00:00Z`,
        durationMinutes: 60,
        onlineLink: "https://teams.example.org/l/meetup-join/simulated",
        chair,
        invitees: plan.invitees,
        ...plan.extra,
      },
      overrides,
    });
    let meeting: Meeting;
    if (child.journey.typeId === "cfpm") {
      // A child in need: the Child and Family Progress Plan starts (seed 004), which convenes
      // the first progress meeting and schedules the first visit.
      const parent = plan.invitees.find((p) => p.role === "parent");
      const started = await runtime.plans.start(
        {
          kind: "progress-plan",
          childReference: child.reference,
          assessmentStart: plus(child.conveneOn, -15),
          planStart: child.conveneOn,
          worker: { name: chair.name, email: chair.email },
          people: parent ? [{ name: parent.name, relationship: "parent", email: parent.email }] : [],
          firstMeeting: {
            proposedStart: `${child.meetingOn}T10:00:00Z`,
            durationMinutes: 60,
            onlineLink: "https://teams.example.org/l/meetup-join/simulated",
            invitees: plan.invitees,
          },
        },
        { actor: chair.email, via: "simulation" },
      );
      if (!started.firstMeetingId) throw new Error(`the plan for ${child.reference} convened no meeting`);
      openPlans.set(started.id, { child: child.reference, worker: { name: chair.name, email: chair.email } });
      meeting = await runtime.store.getMeeting(started.firstMeetingId);
      ledger.plans++;
      ledger.convened.push({
        meetingId: meeting.id,
        typeId: meeting.typeId,
        child: child.reference,
        byLifecycle: false,
      });
      active.add(meeting.id);
      return;
    }
    try {
      ({ meeting } = await runtime.startMeeting(body({}), { actor: chair.email }));
    } catch (error) {
      if (!(error instanceof StartMeetingError)) throw error;
      // Convene-time rules the worker goes ahead against, each with a reason (recorded, audited).
      const reasons = Object.fromEntries(
        error.errors
          .filter((e) => e.path.startsWith("overrides."))
          .map((e) => [
            e.path.slice("overrides.".length),
            "Simulated caseload: the worker went ahead and recorded why.",
          ]),
      );
      if (Object.keys(reasons).length === 0) throw error;
      ({ meeting } = await runtime.startMeeting(body(reasons), { actor: chair.email }));
    }
    ledger.convened.push({
      meetingId: meeting.id,
      typeId: meeting.typeId,
      child: child.reference,
      byLifecycle: false,
    });
    active.add(meeting.id);
  };

  /** The children's open progress plans, by plan id. */
  const openPlans = new Map<string, { child: string; worker: { name: string; email: string } }>();
  /** When each due visit is made (or never), decided once: `<plan>#<visit number>` → day. */
  const visitDays = new Map<string, string | null>();

  /** Each open plan's next visit: made on its day (mostly before it is due), late, or not at all. */
  const visit = async (today: string) => {
    for (const [planId, known] of [...openPlans]) {
      const plan = await runtime.plans.store.getPlan(planId);
      if (plan.status !== "open" && plan.status !== "closure-proposed") {
        openPlans.delete(planId);
        continue;
      }
      const due = plan.visits.find((v) => !v.visitedOn);
      if (!due) continue;
      const key = `${planId}#${due.number}`;
      if (!visitDays.has(key)) {
        const r = random();
        visitDays.set(
          key,
          r < rates.visits.onTime
            ? maxDay(plus(today, 1), plus(due.dueBy, -Math.floor(random() * 7)))
            : r < rates.visits.onTime + rates.visits.late
              ? plus(due.dueBy, 1 + Math.floor(random() * 10))
              : null,
        );
      }
      if (visitDays.get(key) !== today) continue;
      const alone = random() < 0.85;
      await runtime.plans.recordVisit(
        planId,
        {
          visitedOn: today,
          seen: true,
          seenAlone: alone,
          atHome: true,
          ...(alone ? {} : { note: "A parent stayed in the room: the child asked them to." }),
        },
        { by: known.worker, via: "simulation" },
      );
      ledger.visits.push({ child: known.child, dueBy: due.dueBy, visitedOn: today });
    }
  };

  /** Whether a person never answers anything for a meeting (decided once, the first time asked). */
  const silentOnes = new Map<string, boolean>();
  const isSilent = (meetingId: string, index: number) => {
    const key = `${meetingId}|${index}`;
    let silent = silentOnes.get(key);
    if (silent === undefined) {
      silent = chance(rates.silent);
      silentOnes.set(key, silent);
    }
    return silent;
  };
  const rescheduled = new Set<string>();

  const step = async (meetingId: string, today: string, now: Date) => {
    let meeting = await runtime.store.getMeeting(meetingId);
    const people = [meeting.chair, ...meeting.invitees];
    // The chair moves some meetings once, before they are held, one to three weeks later.
    if (
      (meeting.phase === "await-meeting" || meeting.phase === "invite") &&
      !rescheduled.has(meeting.id) &&
      new Date(meeting.start) > new Date(now.getTime() + 2 * day)
    ) {
      rescheduled.add(meeting.id);
      if (chance(rates.reschedule)) {
        const by = (7 + Math.floor(random() * 3) * 7) * day;
        const start = new Date(new Date(meeting.start).getTime() + by);
        while (!isWorkingDay(localDate(start, tz), "england-and-wales")) start.setTime(start.getTime() + day);
        const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
        await reschedule(
          runtime.kernel,
          meeting.id,
          start,
          new Date(start.getTime() + length),
          meeting.chair.email,
          "simulation",
        );
        ledger.rescheduled++;
        await runtime.settle();
        meeting = await runtime.store.getMeeting(meetingId);
      }
    }
    if (meeting.phase === "invite" || meeting.phase === "await-meeting") {
      // Invitations answered by email, at the day's rate.
      for (const p of meeting.invitees) {
        const key = `${meeting.id}|${meeting.sequence}|${p.index}`;
        if (answered.has(key) || isSilent(meeting.id, p.index) || !chance(rates.answerPerDay)) continue;
        // The latest invitation: an update after a reschedule, else the first.
        const invitation =
          mailer.latest(meeting.id, "invitation-update", p.email) ??
          mailer.latest(meeting.id, "invitation", p.email);
        if (!invitation?.replyTo) continue;
        answered.add(key);
        const attends = chance(rates.attend);
        await reply(invitation, p, attends ? "Yes, I will attend." : "Apologies, I can't make it that day.");
        ledger.invitationAnswers++;
      }
      // After the meeting, the chair records who attended and uploads the transcript.
      if (meeting.phase === "await-meeting" && now > new Date(meeting.end) && chance(rates.recordPerDay)) {
        const answers = new Map(
          (await runtime.store.listAnswers(meeting.id)).map((a) => [a.index, a.attendance]),
        );
        const attendance = people.map((p) => ({
          index: p.index,
          attended: p.index === meeting.chair.index || answers.get(p.index) === "attending",
        }));
        await recordMeetingHeld(runtime.kernel, meeting.id, attendance, meeting.chair.email, "simulation");
        ledger.held.push({
          meetingId: meeting.id,
          typeId: meeting.typeId,
          heldOn: localDate(new Date(meeting.start), tz),
        });
        await runtime.settle();
        await runtime.uploadTranscript(meeting.id, simulatedTranscript(meeting, random), "meeting.vtt");
      }
      return;
    }
    if (meeting.phase === "agree-minutes") {
      for (const p of people) {
        const request = mailer.latest(meeting.id, "approval-request", p.email);
        if (
          !request?.replyTo ||
          handledEmails.has(emailKey(request)) ||
          (p.index !== meeting.chair.index && isSilent(meeting.id, p.index)) ||
          !chance(rates.approvePerDay)
        )
          continue;
        await reply(request, p, "Approved.");
        ledger.approvals++;
      }
      // Told the agreed record lacks a section the type requires: the chair supplies it by reply.
      const blocked = mailer.latest(meeting.id, "escalation", meeting.chair.email);
      if (
        blocked?.replyTo &&
        blocked.subject.includes("cannot be finalised") &&
        !handledEmails.has(emailKey(blocked))
      ) {
        await reply(
          blocked,
          meeting.chair,
          `${childsViews.replace("On the child's views:", "Child's views:")}\nContingency plan: an urgent meeting and a placement with family if the plan does not keep the child safe.`,
        );
        ledger.sectionsSupplied++;
        return;
      }
      // Escalated to for answers overdue: the chair confirms the deemed agreement.
      const escalation = mailer.latest(meeting.id, "escalation", meeting.chair.email);
      if (
        escalation?.replyTo &&
        escalation.subject.includes("Answers to the") &&
        !handledEmails.has(emailKey(escalation)) &&
        chance(rates.confirmDeemedPerDay)
      ) {
        await reply(escalation, meeting.chair, "Approved. I confirm the minutes as agreed.");
        ledger.deemedConfirmed++;
      }
      return;
    }
    if (meeting.phase === "track-actions" || meeting.phase === "review" || meeting.phase === "closed") {
      // The actions agreed: each given its fate once.
      if (!fated.has(meeting.id)) {
        fated.add(meeting.id);
        for (const action of await runtime.store.listActions(meeting.id)) {
          if (action.status !== "open") continue;
          const r = random();
          const { onTime, late, redated } = rates.actions;
          const fate =
            r < onTime
              ? "on-time"
              : r < onTime + late
                ? "late"
                : r < onTime + late + redated
                  ? "redated"
                  : "never";
          const entry = ledger.actions.push({ meetingId: meeting.id, number: action.number, fate }) - 1;
          const due = action.dueDate;
          const span = Math.max(0, Math.round((Date.parse(due) - Date.parse(today)) / day));
          if (fate === "on-time") {
            // From tomorrow (today's list was done before this step) to the due day.
            const on = plus(today, 1 + Math.floor(random() * Math.max(span, 1)));
            (toDo.get(on) ?? toDo.set(on, []).get(on))?.push({
              meetingId: meeting.id,
              number: action.number,
              entry,
            });
          } else if (fate === "late") {
            const on = plus(due, 1 + Math.floor(random() * 14));
            (toDo.get(on) ?? toDo.set(on, []).get(on))?.push({
              meetingId: meeting.id,
              number: action.number,
              entry,
            });
          } else if (fate === "redated") {
            const ask = plus(due, -1) <= today ? plus(today, 1) : plus(due, -1);
            const to = plus(due, 14);
            (redate.get(ask) ?? redate.set(ask, []).get(ask))?.push({
              meetingId: meeting.id,
              number: action.number,
              to,
            });
            const on = plus(to, -1 - Math.floor(random() * 5));
            (toDo.get(on) ?? toDo.set(on, []).get(on))?.push({
              meetingId: meeting.id,
              number: action.number,
              entry,
            });
          }
        }
      }
      // The review the lifecycle convened is the next meeting to drive.
      if (meeting.reviewMeetingId && !ledger.convened.some((c) => c.meetingId === meeting.reviewMeetingId)) {
        const review = await runtime.store.getMeeting(meeting.reviewMeetingId);
        ledger.convened.push({
          meetingId: review.id,
          typeId: review.typeId,
          child: review.child.reference,
          byLifecycle: true,
        });
        active.add(review.id);
      }
      if (
        meeting.phase === "closed" &&
        (!meeting.reviewMeetingId || ledger.convened.some((c) => c.meetingId === meeting.reviewMeetingId))
      )
        active.delete(meeting.id);
    }
    if (meeting.phase === "cancelled") active.delete(meeting.id);
  };

  for (const id of options.adopt ?? []) {
    const m = await runtime.store.getMeeting(id);
    ledger.convened.push({ meetingId: id, typeId: m.typeId, child: m.child.reference, byLifecycle: false });
    active.add(id);
  }

  // 2. Day by day to the end.
  const days = Math.round((end.getTime() - start.getTime()) / day);
  for (let i = 0; i < days; i++) {
    const now = new Date(Date.parse(`${plus(startDay, i)}T08:00:00Z`));
    if (now > runtime.clock.now()) await runtime.advanceTo(now);
    const today = localDate(runtime.clock.now(), tz);
    for (const child of children) if (child.conveneOn === today) await convene(child);
    for (const item of redate.get(today) ?? []) {
      const action = await runtime.store.getAction(item.meetingId, item.number);
      if (action.status !== "open" && action.status !== "slipped") continue;
      const meeting = await runtime.store.getMeeting(item.meetingId);
      await agreeNewActionDate(runtime.kernel, {
        meetingId: item.meetingId,
        number: item.number,
        dueDate: item.to,
        reason: "More time agreed by the team manager (simulated).",
        actor: meeting.teamManager.email,
        via: "simulation",
      });
      await runtime.settle();
    }
    for (const item of toDo.get(today) ?? []) {
      const action = await runtime.store.getAction(item.meetingId, item.number);
      if (action.status !== "open" && action.status !== "slipped") continue;
      const meeting = await runtime.store.getMeeting(item.meetingId);
      const owner = action.responsible.email ?? meeting.chair.email;
      await markActionDone(
        runtime.kernel,
        item.meetingId,
        item.number,
        "Done (simulated).",
        owner,
        "simulation",
      );
      const entry = ledger.actions[item.entry];
      if (entry) {
        entry.doneOn = today;
        entry.dueOn = action.dueDate;
      }
      await runtime.settle();
    }
    await visit(today);
    for (const id of [...active]) await step(id, today, runtime.clock.now());
    await runtime.settle();
    options.onDay?.(i + 1, days);
  }

  // Actions agreed too late in the run to be acted on: in the ledger as never done (within it).
  const inLedger = new Set(ledger.actions.map((a) => `${a.meetingId}#${a.number}`));
  for (const c of ledger.convened)
    for (const action of await runtime.store.listActions(c.meetingId))
      if (!inLedger.has(`${c.meetingId}#${action.number}`) && action.status !== "cancelled")
        ledger.actions.push({ meetingId: c.meetingId, number: action.number, fate: "never" });

  // 3. What it cost to run: emails by kind, executions, counts.
  const emailsByKind: Record<string, number> = {};
  for (const e of mailer.sent) emailsByKind[e.kind] = (emailsByKind[e.kind] ?? 0) + 1;
  const executions = [...runtime.workflow.executions.values()];
  return {
    ledger,
    from: startDay,
    to: localDate(runtime.clock.now(), tz),
    emailsByKind,
    emails: mailer.sent.length,
    executions: executions.length,
    failedExecutions: executions
      .filter((e) => e.status === "FAILED")
      .map((e) => `${e.name} ${e.error?.name ?? ""}`),
    transitions: runtime.workflow.counters.transitions - transitionsBefore,
    invocations: runtime.workflow.counters.invocations - invocationsBefore,
    dynamoRequests: runtime.dynamo.requests - requestsBefore,
  };
}
