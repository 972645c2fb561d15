import { describe, expect, it } from "vitest";
import { getMeetingType, loadCatalog } from "#domain/catalog/index.ts";
import {
  applySuppliedSections,
  blockingSections,
  missingSections,
  parseSuppliedSections,
} from "#domain/minutes/blockers.ts";
import { draftMinutes, type Minutes } from "#domain/minutes/index.ts";
import { smallMeeting, vtt } from "./helpers.ts";

const catalog = loadCatalog();
const bare: Minutes = {
  ...draftMinutes({ meeting: smallMeeting(), transcript: vtt([["Chair", "We agreed the plan."]]) }),
  childsViews: { views: "", influence: "", sourceRefs: [] },
  contingencyPlan: { text: "", sourceRefs: [] },
};

describe("sections that block finalising, per meeting type (issue 10 item 3)", () => {
  it("seed 001: a CPM and an LPM are blocked without the child's views and a contingency plan", () => {
    for (const id of ["cpm", "lpm"] as const) {
      expect(blockingSections(getMeetingType(catalog, id))).toEqual(["childs-views", "contingency-plan"]);
    }
  });
  it("seed 001: a Good Practice Guide meeting requires both; a Team Around the Child follows its own required sections", () => {
    expect(blockingSections(getMeetingType(catalog, "generic"))).toEqual([
      "childs-views",
      "contingency-plan",
    ]);
    const tac = getMeetingType(catalog, "tac");
    const required = tac.minuteSections.filter((s) => s.required).map((s) => s.id as string);
    expect(blockingSections(tac)).toEqual(
      ["childs-views", "contingency-plan"].filter((id) => required.includes(id)),
    );
  });
  it("names each missing section with its reason", () => {
    expect(missingSections(bare, ["childs-views", "contingency-plan"]).map((b) => b.section)).toEqual([
      "childs-views",
      "contingency-plan",
    ]);
    expect(missingSections(bare, ["contingency-plan"]).map((b) => b.section)).toEqual(["contingency-plan"]);
    expect(missingSections(bare, [])).toEqual([]);
  });
});

describe("the chair supplies a missing section by reply", () => {
  it("parses headed sections, dropping quoted text and the signature", () => {
    const body = [
      "Child's views: Mia wants to stay at her school.",
      "Her wish shaped the placement decision.",
      "Contingency plan: if contact breaks down, a PLO meeting within 2 weeks.",
      "--",
      "Sam Chair",
      "> quoted",
    ].join("\n");
    expect(parseSuppliedSections(body, ["childs-views", "contingency-plan"])).toEqual({
      "childs-views": "Mia wants to stay at her school.\nHer wish shaped the placement decision.",
      "contingency-plan": "if contact breaks down, a PLO meeting within 2 weeks.",
    });
  });
  it("a reply with no heading supplies nothing (a plain approval never becomes a section), nor does a section not missing", () => {
    expect(parseSuppliedSections("Approved.", ["contingency-plan"])).toEqual({});
    expect(parseSuppliedSections("Child's views: wants school.", ["contingency-plan"])).toEqual({});
  });
  it("the supplied minutes are no longer blocked", () => {
    const filled = applySuppliedSections(bare, {
      "childs-views": "Mia wants to stay at school; the plan keeps her there.",
      "contingency-plan": "Legal gateway meeting if no progress.",
    });
    expect(missingSections(filled, ["childs-views", "contingency-plan"])).toEqual([]);
  });
});
