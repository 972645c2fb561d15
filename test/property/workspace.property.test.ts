/**
 * Directory imports and the staff workspace's forms under generated input (issue 15, section 2).
 *
 * - The directory reader (domain/directory/parse-directory.ts) on the demo directory made almost
 *   right, as CSV and as JSON, and on any text: it gives people or one DirectoryImportError whose
 *   every problem names where (the CSV line, the JSON entry, or the directory) and what; never
 *   another error.
 * - The workspace's forms, over real HTTP to the embedded runtime with a signed-in session and its
 *   CSRF token: the convene form, a meeting's reschedule, cancel and attendance forms, the minutes
 *   edit, speaker naming and change decision forms, the child's plan start and visit forms, and the admin's directory import and person forms, each posted as a valid form made almost right
 *   (fields dropped, replaced by any text, repeated, added) or as raw bytes. Every answer is a
 *   page or a redirect, never a 5xx; a refusal shows a GOV.UK error summary or the error page naming the problem; and whatever does not
 *   redirect stores nothing (the meetings, the meeting's version, the outbox and the directory's
 *   revision are as they were).
 */
import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDirectoryStore } from "../../adapters/dynamo/directory-store.ts";
import { importDirectory } from "../../domain/directory/import-directory.ts";
import { DirectoryImportError, parseDirectory } from "../../domain/directory/parse-directory.ts";
import { demoInput, holdWithEveryone, type TestRuntime, uploadDemoTranscript } from "../e2e/support.ts";
import { signInOver, startLocalWorkspace } from "../support/local-workspace.ts";
import { check, fuzzing, mutated, mutatedJson, outcomesOf, tally } from "./harness.ts";

/** Each HTTP property posts a few hundred forms (10,000 under `npm run fuzz`). */
const httpTimeout = fuzzing ? 4 * 3_600_000 : 180_000;

const demoCsv = await readFile("authorities/demo.directory.csv", "utf8");
const demoPeople = parseDirectory(demoCsv, "csv");

describe("directory imports under generated input", () => {
  const read = (text: string, format: "csv" | "json", property: string) => {
    try {
      const people = parseDirectory(text, format);
      expect(people.length).toBeGreaterThan(0);
      tally(property, "imported");
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(DirectoryImportError);
      const problems = (error as DirectoryImportError).problems;
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.where).toMatch(/^(line \d+|entry \d+|directory)$/);
        expect(p.message.trim().length).toBeGreaterThan(0);
      }
      expect((error as Error).message).toMatch(/^the directory was not imported: /);
      tally(property, `refused: ${problems[0]?.field || problems[0]?.where.split(" ")[0]}`);
    }
  };

  it("reads or refuses the demo directory's CSV made almost right, naming the line and field", () => {
    check(fc.property(mutated(demoCsv), (text) => read(text, "csv", "directory CSV")));
    // The generator reached both outcomes.
    expect(outcomesOf("directory CSV").get("imported")).toBeGreaterThan(0);
    expect(outcomesOf("directory CSV").size).toBeGreaterThan(2);
  });

  it("reads or refuses the demo directory's JSON made almost right, or any text, naming the entry and field", () => {
    check(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: mutatedJson(demoPeople).map((v) => JSON.stringify(v) ?? "") },
          { weight: 1, arbitrary: fc.string({ maxLength: 400, unit: "binary" }) },
        ),
        (text) => read(text, "json", "directory JSON"),
      ),
    );
    check(
      fc.property(fc.string({ maxLength: 400, unit: "binary" }), (text) =>
        read(text, "csv", "directory any text"),
      ),
    );
  });
});

describe("the workspace's forms under generated input", () => {
  let t: TestRuntime;
  let url: string;
  let close: () => Promise<void>;
  let directory: DynamoDirectoryStore;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    ({ t, url, close } = await startLocalWorkspace(new Date("2026-03-02T09:00:00Z")));
    directory = new DynamoDirectoryStore(t.runtime.dynamo.client, `convene-${t.runtime.authority.id}`);
  });
  afterAll(async () => {
    await close?.();
  });

  async function session(email: string): Promise<{ cookie: string; csrf: string }> {
    const known = sessions.get(email);
    if (known) return known;
    const { cookie, csrf, response } = await signInOver(url, email);
    expect(response.status).toBe(303);
    sessions.set(email, { cookie, csrf });
    return { cookie, csrf };
  }

  type Form = Record<string, string | string[]>;
  /** A valid form made almost right: fields dropped, replaced by any text, repeated, or added. */
  const almost = (form: Form): fc.Arbitrary<Form> => {
    const keys = Object.keys(form);
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 3000, unit: "binary" }),
      fc.constantFrom(
        "",
        " ",
        "0",
        "-1",
        "31",
        "13",
        "99999",
        "2026",
        "25:61",
        "yes",
        "no",
        "null",
        "<script>",
      ),
    );
    const edit = fc.oneof(
      fc.tuple(fc.constant("drop" as const), fc.constantFrom(...keys), fc.constant("")),
      fc.tuple(fc.constant("set" as const), fc.constantFrom(...keys), text),
      fc.tuple(fc.constant("repeat" as const), fc.constantFrom(...keys), text),
      fc.tuple(fc.constant("add" as const), fc.string({ maxLength: 30 }), text),
    );
    return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
      const copy: Form = structuredClone(form);
      for (const [op, key, value] of edits) {
        if (op === "drop") delete copy[key];
        else if (op === "repeat") copy[key] = [...[copy[key] ?? []].flat(), value];
        else if (key !== "_csrf") copy[key] = value;
      }
      return copy;
    });
  };
  const encode = (form: Form) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    return params.toString();
  };
  const bytes = fc.uint8Array({ maxLength: 300 });
  /** A form made almost right, or raw bytes in its place. */
  const almostOrBytes = (form: Form) =>
    fc.oneof({ weight: 6, arbitrary: almost(form) }, { weight: 1, arbitrary: bytes });
  /** One of the forms (by the path it is posted to), made almost right or raw bytes. */
  const onePathOf = (forms: [string, Form][]) =>
    fc.constantFrom(...forms).chain(([path, form]) => fc.tuple(fc.constant(path), almostOrBytes(form)));

  /** What a refused form must leave as it was. */
  const snapshot = async (meetingId?: string) => ({
    inFlight: (await t.runtime.store.listInFlight()).length,
    plans: (await t.runtime.plans.store.authorityPlans(t.runtime.authority.id)).map(
      (p) => `${p.id}@${p.version}`,
    ),
    sent: t.mailer.sent.length,
    revision: (await directory.getDirectory(t.runtime.authority.id)).revision,
    version: meetingId ? (await t.runtime.store.getMeeting(meetingId)).version : -1,
  });

  /** Posts a form as `email`; a 5xx fails; anything but a redirect must have stored nothing. */
  async function post(
    email: string,
    path: string,
    body: Form | Uint8Array,
    property: string,
    meetingId?: string,
  ): Promise<number> {
    const { cookie, csrf } = await session(email);
    const before = await snapshot(meetingId);
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: url,
        "content-type": "application/x-www-form-urlencoded",
        "x-csrf-token": csrf,
      },
      body: body instanceof Uint8Array ? body : encode({ ...body, _csrf: csrf }),
    });
    const page = await res.text();
    expect(res.status, `${path}: ${page.slice(0, 2000)}`).toBeLessThan(500);
    if (res.status !== 303) {
      // The form again with its error summary, or the error page saying what was wrong.
      if (res.status >= 400)
        expect(page, path).toMatch(
          /govuk-error-summary|<h1 class="govuk-heading-l">(There is a problem|That cannot be done now|Page not found)<\/h1>/,
        );
      expect(await snapshot(meetingId), `${path} stored something it answered ${res.status}`).toEqual(before);
    }
    tally(property, String(res.status));
    return res.status;
  }

  const chair = "jordan.ellis@demo.convene.local";
  const admin = "amira.hassan@demo.convene.local";

  it(
    "answers the convene form made almost right with the form again or a new meeting, storing nothing it does not convene",
    async () => {
      const valid: Form = {
        meetingType: "cfpm",
        childReference: "C-208511",
        triggerKind: "strategy-discussion",
        "triggerDate-day": "2",
        "triggerDate-month": "3",
        "triggerDate-year": "2026",
        "startDate-day": "12",
        "startDate-month": "3",
        "startDate-year": "2026",
        startTime: "14:00",
        durationMinutes: "60",
        chair,
        staff: "tom.hughes@demo.convene.local",
        other0Name: "Sarah Jones",
        other0Email: "sarah.jones@example.org",
        other0Role: "parent",
        other0Agency: "Family",
        other1Name: "Mr Bell",
        other1Email: "senco@oakfield-primary.example.org",
        other1Role: "senco",
        other1Agency: "Oakfield Primary School",
        action: "convene",
      };
      await check(
        fc.asyncProperty(almostOrBytes(valid), async (form) => {
          await post(chair, "/convene", form, "convene form");
        }),
      );
      // Both a page back and a refusal were reached.
      expect(outcomesOf("convene form").get("400")).toBeGreaterThan(0);
      expect(outcomesOf("convene form").get("200") ?? outcomesOf("convene form").get("303")).toBeGreaterThan(
        0,
      );
    },
    httpTimeout,
  );

  it(
    "answers a meeting's reschedule, cancel and attendance forms made almost right, changing nothing it refuses",
    async () => {
      const demo = await demoInput();
      let meetingId = "";
      /** A meeting waiting to be held: a new one once a form has moved the last one on. */
      const waiting = async () => {
        if (meetingId && (await t.runtime.store.getMeeting(meetingId)).phase === "await-meeting")
          return meetingId;
        const { meeting } = await t.runtime.startMeeting(demo);
        await t.runtime.settle();
        meetingId = meeting.id;
        return meetingId;
      };
      const forms: [string, Form][] = [
        [
          "reschedule",
          {
            "startDate-day": "20",
            "startDate-month": "3",
            "startDate-year": "2026",
            startTime: "10:00",
            durationMinutes: "90",
          },
        ],
        ["cancel", { reason: "The family moved out of the area." }],
        ["attendance", { attended: ["0", "1", "2"] }],
      ];
      await check(
        fc.asyncProperty(onePathOf(forms), async ([path, form]) => {
          const id = await waiting();
          const status = await post(chair, `/meeting/${id}/${path}`, form, `meeting ${path} form`, id);
          tally("meeting forms", `${path} ${status}`);
        }),
      );
    },
    httpTimeout,
  );

  it(
    "answers the child's plan start and visit forms made almost right, starting or changing no plan it refuses",
    async () => {
      const worker = "tom.hughes@demo.convene.local";
      const start: Form = {
        childReference: "C-5005",
        kind: "progress-plan",
        "assessmentStart-day": "23",
        "assessmentStart-month": "2",
        "assessmentStart-year": "2026",
        "planStart-day": "2",
        "planStart-month": "3",
        "planStart-year": "2026",
        "meetingDate-day": "12",
        "meetingDate-month": "3",
        "meetingDate-year": "2026",
        meetingTime: "10:00",
        durationMinutes: "60",
        person0Name: "Sam Parent",
        person0Relationship: "parent",
        person0Email: "sam.parent@example.org",
        person1Name: "Jo",
        person1Relationship: "child",
      };
      const visit: Form = {
        "visitedOn-day": "2",
        "visitedOn-month": "3",
        "visitedOn-year": "2026",
        seen: "yes",
        seenAlone: "yes",
        atHome: "yes",
      };
      let planId = "";
      await check(
        fc.asyncProperty(
          fc.oneof(
            almost(start).map((form) => ["start", form] as const),
            almost(visit).map((form) => ["visit", form] as const),
            bytes.map((b) => ["start", b] as const),
          ),
          async ([which, form]) => {
            if (which === "start" || !planId) {
              const status = await post(worker, "/plans/start", form, "plan start form");
              if (status === 303 && !planId)
                planId = (await t.runtime.plans.store.authorityPlans(t.runtime.authority.id))[0]?.id ?? "";
              return;
            }
            await post(worker, `/plan/${planId}/visit`, form, "plan visit form");
          },
        ),
      );
      expect(outcomesOf("plan start form").get("400")).toBeGreaterThan(0);
    },
    httpTimeout,
  );

  it(
    "answers the admin's directory import and person forms made almost right, keeping the directory it refuses",
    async () => {
      const restore = async () => {
        const current = await directory.getDirectory(t.runtime.authority.id);
        if (
          current.people.length === demoPeople.length &&
          current.people.every((p, i) => p.email === demoPeople[i]?.email)
        )
          return;
        await importDirectory(directory, {
          authorityId: t.runtime.authority.id,
          text: demoCsv,
          format: "csv",
          expectedRevision: current.revision,
          by: "test",
          at: new Date().toISOString(),
        });
        sessions.clear();
      };
      const person = (revision: number): Form => ({
        email: "new.worker@demo.convene.local",
        name: "New Worker",
        role: "social-worker",
        team: "Children with Disabilities Team",
        agency: "Demo Borough Council",
        lineManager: "jordan.ellis@demo.convene.local",
        access: "social-worker",
        active: "yes",
        revision: String(revision),
        isNew: "yes",
      });
      await check(
        fc.asyncProperty(
          fc.oneof(
            mutated(demoCsv).map((text) => ["/admin/directory", { text }] as const),
            mutatedJson(demoPeople).map(
              (v) => ["/admin/directory", { text: JSON.stringify(v) ?? "" }] as const,
            ),
            almost(person(0)).map((form) => ["/admin/directory/person", form] as const),
            bytes.map((b) => ["/admin/directory", b] as const),
          ),
          async ([path, form]) => {
            await restore();
            const revision = (await directory.getDirectory(t.runtime.authority.id)).revision;
            // A person form is made against the revision the admin saw, unless the edit changed it.
            const body =
              form instanceof Uint8Array || !("revision" in form) || form.revision !== "0"
                ? form
                : { ...form, revision: String(revision) };
            await post(admin, path, body as Form | Uint8Array, `admin ${path}`);
          },
        ),
      );
      expect(outcomesOf("admin /admin/directory").get("400")).toBeGreaterThan(0);
    },
    httpTimeout,
  );

  // Last: it moves the virtual clock past the meeting it drives to its minutes.
  it(
    "answers the minutes edit, speaker naming and change decision forms made almost right, changing no minutes it refuses",
    async () => {
      const { meeting } = await t.runtime.startMeeting(await demoInput());
      await holdWithEveryone(t.runtime, meeting);
      await uploadDemoTranscript(t.runtime, meeting.id);
      await t.runtime.settle();
      expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
      const current = "CURRENT";
      const forms: [string, Form][] = [
        [
          "minutes",
          {
            version: current,
            purpose: "To review the support in place.",
            "agenda:1": "The family is engaging.\nThe school reports good attendance.",
            keyPoints: "Support continues.",
            decisions: "Review in six weeks.",
          },
        ],
        ["speakers", { "speaker:spk_0": "Priya Shah" }],
        ["changes/1", { decision: "accepted", version: current, reason: "Agreed at the meeting." }],
      ];
      await check(
        fc.asyncProperty(onePathOf(forms), async ([path, form]) => {
          const version = String((await t.runtime.store.getMeeting(meeting.id)).minutesVersion);
          const body =
            form instanceof Uint8Array
              ? form
              : Object.fromEntries(
                  Object.entries(form).map(([k, v]) => [k, v === current ? version : v] as const),
                );
          const status = await post(
            chair,
            `/meeting/${meeting.id}/${path}`,
            body,
            `minutes ${path} form`,
            meeting.id,
          );
          tally("minutes forms", `${path} ${status}`);
        }),
      );
    },
    httpTimeout,
  );
});
