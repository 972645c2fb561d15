/**
 * The staff directory on the embedded DynamoDB (dynalite): imports and edits are revisions with
 * history, a stale revision is refused and changes nothing, a large directory is stored in parts,
 * and a meeting created on the runtime takes its line managers and team manager from it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDirectory } from "../../../adapters/local/demo-directory.ts";
import { editPerson } from "../../../domain/directory/edit-person.ts";
import { importDirectory } from "../../../domain/directory/import-directory.ts";
import { DirectoryImportError } from "../../../domain/directory/parse-directory.ts";
import { ConflictError } from "../../../domain/ports/store.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ at: new Date("2026-03-02T09:00:00Z") });
});
afterAll(async () => {
  await t.runtime.close();
});

const header = "name,email,role,team,agency,lineManager,access";

describe("the directory store", () => {
  it("imports, edits and keeps the history; a stale revision or a bad edit changes nothing", async () => {
    const store = t.runtime.directory;
    expect(await store.getDirectory("demo")).toEqual({ authorityId: "demo", revision: 0, people: [] });
    const csv = [
      header,
      "Amy,amy@x.example,business-support,S,C,,admin",
      "Bo,bo@x.example,social-worker,S,C,amy@x.example,social-worker",
    ].join("\n");
    const first = await importDirectory(store, {
      authorityId: "demo",
      text: csv,
      format: "csv",
      expectedRevision: 0,
      by: "amy@x.example",
      at: "2026-03-02T09:00:00.000Z",
    });
    expect(first.revision).toBe(1);
    await expect(
      importDirectory(store, {
        authorityId: "demo",
        text: csv,
        format: "csv",
        expectedRevision: 0,
        by: "amy@x.example",
        at: "2026-03-02T09:01:00.000Z",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      store.replaceDirectory("demo", [], 0, {
        at: "x",
        by: "y",
        source: "import",
        summary: "race",
        added: 0,
        removed: 0,
        changed: 0,
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    const edited = await editPerson(store, {
      authorityId: "demo",
      person: {
        name: "Bo Brown",
        email: "BO@x.example",
        role: "social-worker",
        team: "S",
        agency: "C",
        lineManager: "amy@x.example",
        access: ["social-worker"],
      },
      expectedRevision: 1,
      by: "amy@x.example",
      at: "2026-03-02T10:00:00.000Z",
    });
    expect(edited.people.find((p) => p.email === "bo@x.example")?.name).toBe("Bo Brown");
    // Taking the only admin's access away would lock everyone out: refused, nothing stored.
    await expect(
      editPerson(store, {
        authorityId: "demo",
        person: {
          name: "Amy",
          email: "amy@x.example",
          role: "business-support",
          team: "S",
          agency: "C",
          access: [],
        },
        expectedRevision: 2,
        by: "amy@x.example",
        at: "2026-03-02T11:00:00.000Z",
      }),
    ).rejects.toBeInstanceOf(DirectoryImportError);
    const now = await store.getDirectory("demo");
    expect(now.revision).toBe(2);
    expect(now.people.find((p) => p.email === "amy@x.example")?.access).toEqual(["admin"]);
    const history = await store.directoryHistory("demo");
    expect(history.map((h) => [h.revision, h.source, h.added, h.changed])).toEqual([
      [2, "edit", 0, 1],
      [1, "import", 2, 0],
    ]);
  });

  it("stores a directory of thousands in parts and reads it back whole", async () => {
    const store = t.runtime.directory;
    const rows = [header, "Amy,amy@x.example,business-support,S,C,,admin"];
    for (let i = 0; i < 4000; i++)
      rows.push(
        `Person ${i} Ölçü-Łukasz,p${i}@x.example,social-worker,Team ${i % 40},Children's Services of a long council name,amy@x.example,social-worker`,
      );
    const current = await store.getDirectory("demo");
    const saved = await importDirectory(store, {
      authorityId: "demo",
      text: rows.join("\n"),
      format: "csv",
      expectedRevision: current.revision,
      by: "amy@x.example",
      at: "2026-03-03T09:00:00.000Z",
    });
    const read = await store.getDirectory("demo");
    expect(read.revision).toBe(saved.revision);
    expect(read.people).toHaveLength(4001);
    expect(read.people[4000]?.email).toBe("p3999@x.example");
  });

  it("gives a new meeting its line managers and team manager from the directory", async () => {
    const store = t.runtime.directory;
    const current = await store.getDirectory("demo");
    const demo = loadDemoDirectory().map((p) =>
      p.email === "tom.hughes@demo.convene.local"
        ? { ...p, lineManager: "maya.brooks@demo.convene.local" }
        : p,
    );
    await store.replaceDirectory("demo", demo, current.revision, {
      at: "x",
      by: "test",
      source: "import",
      summary: "demo",
      added: 0,
      removed: 0,
      changed: 0,
    });
    const input = (await demoInput()) as {
      plan: { chair: Record<string, string> };
      lineManagers: Record<string, unknown>;
    };
    // The request names no line manager for Tom Hughes now, and a council chair from the directory.
    delete input.lineManagers["tom.hughes@demo.convene.local"];
    // A social worker chairs: the demo's override for a solicitor chair no longer applies.
    (input as { overrides?: Record<string, string> }).overrides = {
      "key-agency:demo-police": "Not involved with the family.",
    };
    input.plan.chair = {
      name: "Leo Grant",
      email: "leo.grant@demo.convene.local",
      role: "social-worker",
      agency: "Demo Borough Council Children's Services",
    };
    const { meeting } = await t.runtime.startMeeting(input);
    expect(meeting.teamManager).toEqual({ name: "Maya Brooks", email: "maya.brooks@demo.convene.local" });
    expect(meeting.chair.lineManager).toEqual({
      name: "Maya Brooks",
      email: "maya.brooks@demo.convene.local",
    });
    const tom = meeting.invitees.find((p) => p.email === "tom.hughes@demo.convene.local");
    expect(tom?.lineManager).toEqual({ name: "Maya Brooks", email: "maya.brooks@demo.convene.local" });
    // A line manager named in the request wins over the directory.
    const owen = meeting.invitees.find((p) => p.email === "owen.price@demo.convene.local");
    expect(owen?.lineManager?.email).toBe("nadia.rahman@demo.convene.local");
    // Someone outside the council keeps the line manager the request gives.
    expect(
      meeting.invitees.find((p) => p.email === "aisha.karim@camhs.example.org")?.lineManager?.email,
    ).toBe("sam.patel@camhs.example.org");
  });
});
