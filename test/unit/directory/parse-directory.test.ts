/**
 * The staff directory an admin imports (issue 11, item 3): CSV or JSON, every problem named by its
 * line or entry and field, nothing accepted unless the whole directory holds. Line managers are the
 * first rung of the escalation ladder (seed 001), so a line that is not in the directory, or loops,
 * is refused here rather than found when an action slips.
 */
import { describe, expect, it } from "vitest";
import { DirectoryImportError, parseDirectory } from "../../../domain/directory/parse-directory.ts";

const header = "name,email,role,team,agency,lineManager,access";
const admin = "Amy Admin,amy@council.example,business-support,Support,Council,,admin";

function problems(text: string, format: "csv" | "json" = "csv") {
  try {
    parseDirectory(text, format);
  } catch (error) {
    if (error instanceof DirectoryImportError) return error.problems;
    throw error;
  }
  throw new Error("expected the directory to be refused");
}

describe("parseDirectory", () => {
  it("reads a CSV with headers in any case and order, lower-cases emails and splits access", () => {
    const people = parseDirectory(
      [
        "Email, Full Name ,Team,Agency,Role,Line Manager,Access,Active",
        "AMY@Council.Example,Amy Admin,Support,Council,business-support,,admin,yes",
        'jo@council.example,"Jo Smith, Jr",CWD Team,Council,team-manager,amy@council.example,team-manager; social-worker,',
        "old@council.example,Old Hand,CWD Team,Council,social-worker,jo@council.example,social-worker,no",
      ].join("\r\n"),
      "csv",
    );
    expect(people).toHaveLength(3);
    expect(people[0]).toMatchObject({
      email: "amy@council.example",
      name: "Amy Admin",
      access: ["admin"],
      active: true,
    });
    expect(people[1]).toMatchObject({
      name: "Jo Smith, Jr",
      lineManager: "amy@council.example",
      access: ["team-manager", "social-worker"],
    });
    expect(people[2]?.active).toBe(false);
  });

  it("names the line and field of every bad row, counting the header as line 1", () => {
    const found = problems(
      [
        header,
        admin,
        "Bad Person,not-an-email,social-worker,Team A,Council,,",
        "No Role,nr@council.example,wizard,Team A,Council,,",
      ].join("\n"),
    );
    expect(found).toEqual([
      { where: "line 3", field: "email", message: '"not-an-email" is not an email address' },
      expect.objectContaining({
        where: "line 4",
        field: "role",
        message: expect.stringContaining('unknown role "wizard"'),
      }),
    ]);
  });

  it("refuses duplicates, unknown or own line managers, loops and a directory without an admin", () => {
    const found = problems(
      [
        header,
        "A,a@x.example,social-worker,T,C,b@x.example,social-worker",
        "B,b@x.example,team-manager,T,C,a@x.example,team-manager",
        "C,c@x.example,social-worker,T,C,nobody@x.example,",
        "D,d@x.example,social-worker,T,C,d@x.example,",
        "A again,A@x.example,social-worker,T,C,,",
      ].join("\n"),
    );
    const text = found.map((p) => `${p.where} ${p.field}: ${p.message}`);
    expect(text).toContain("line 6 email: a@x.example is already on line 2");
    expect(text).toContain("line 4 lineManager: nobody@x.example is not in the directory");
    expect(text).toContain("line 5 lineManager: a person cannot be their own line manager");
    expect(text.filter((t) => t.includes("loop"))).toEqual([
      "line 2 lineManager: the line goes round in a loop: a@x.example → b@x.example → a@x.example",
    ]);
    expect(text).toContain(
      "directory access: nobody active has admin access: give at least one person admin, so someone can change the directory",
    );
  });

  it("refuses an unknown column, a missing one, and a row with too many values", () => {
    expect(problems("name,email,role,team,favourite colour\nA,a@x.example,gp,T,blue")).toEqual([
      expect.objectContaining({ where: "line 1", field: "favourite colour" }),
      expect.objectContaining({
        where: "line 1",
        field: "agency",
        message: "the header has no agency column",
      }),
    ]);
    // A column named after something every object has is as unknown as any other.
    for (const name of ["constructor", "__proto__", "toString"])
      expect(problems(`${header},${name}\n${admin},x`)).toEqual([
        expect.objectContaining({
          where: "line 1",
          field: name,
          message: expect.stringMatching(/^unknown column/),
        }),
      ]);
    expect(problems(`${header}\n${admin}\nA,a@x.example,gp,T,C,,,extra`)).toEqual([
      expect.objectContaining({
        where: "line 3",
        message: expect.stringContaining("8 values for 7 columns"),
      }),
    ]);
  });

  it("reports unreadable CSV with its line, and unreadable JSON", () => {
    expect(problems(`${header}\n${admin}\n"unclosed,a@x.example,gp,T,C,,`)[0]?.message).toMatch(
      /not readable CSV/,
    );
    expect(problems("[{", "json")[0]).toMatchObject({
      where: "directory",
      message: expect.stringMatching(/^this is not JSON/),
    });
    expect(problems('{"staff": []}', "json")[0]?.message).toMatch(/expected a list of people/);
    expect(problems("", "csv")[0]?.message).toBe("it holds nobody");
  });

  it("reads JSON as a list or { people }, naming entries and unknown fields", () => {
    const list = [
      {
        name: "Amy",
        email: "amy@x.example",
        role: "business-support",
        team: "S",
        agency: "C",
        access: ["admin"],
      },
    ];
    expect(parseDirectory(JSON.stringify(list), "json")).toHaveLength(1);
    expect(parseDirectory(JSON.stringify({ people: list }), "json")).toHaveLength(1);
    expect(
      problems(JSON.stringify([...list, { ...list[0], email: "b@x.example", shoe: 9 }, 7]), "json"),
    ).toEqual([
      expect.objectContaining({
        where: "entry 2",
        field: "shoe",
        message: expect.stringMatching(/^unknown field/),
      }),
      expect.objectContaining({ where: "entry 3", message: expect.stringMatching(/^expected a person/) }),
    ]);
    expect(problems(JSON.stringify([{ ...list[0], access: ["wizard"] }]), "json")[0]).toMatchObject({
      where: "entry 1",
      field: "access",
      message: expect.stringContaining('unknown access "wizard"'),
    });
  });
});
