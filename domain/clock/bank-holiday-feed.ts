/**
 * The GOV.UK bank-holidays feed (https://www.gov.uk/bank-holidays.json): its schema, the years it
 * covers per division, and the merge the refresh script (scripts/refresh-bank-holidays.mjs) applies
 * to a freshly fetched copy. Pure: no fetching, no files.
 */
import { z } from "zod";
import { type IsoDate, isoDateSchema, yearOf } from "./dates.ts";
import { HolidayDataError } from "./errors.ts";
import { type Nation, nationSchema, nations } from "./nation.ts";

/** One event of the feed, exactly as GOV.UK publishes it. */
export const bankHolidayEventSchema = z.object({
  title: z.string().min(1),
  date: isoDateSchema,
  notes: z.string(),
  bunting: z.boolean(),
});
export type BankHolidayEvent = z.infer<typeof bankHolidayEventSchema>;

const divisionSchema = z.object({
  division: nationSchema,
  events: z.array(bankHolidayEventSchema).min(1, "expected at least one event"),
});

/** The feed's shape alone: three divisions of events (what a fresh download must at least be). */
export const bankHolidayFeedShapeSchema = z.object({
  "england-and-wales": divisionSchema,
  scotland: divisionSchema,
  "northern-ireland": divisionSchema,
});

/** The years a division's data covers, both ends included. */
export interface Coverage {
  firstYear: number;
  lastYear: number;
}

/**
 * A year counts as fully covered only when it holds both its New Year holiday (in January) and its
 * Christmas holiday (in December): every nation has both every year, substitutes included, so a year
 * without either is a partial listing and must not be trusted to be complete.
 */
export function isCompleteYear(events: readonly { date: IsoDate }[], year: number): boolean {
  const prefix = String(year).padStart(4, "0");
  return (
    events.some((event) => event.date.startsWith(`${prefix}-01-`)) &&
    events.some((event) => event.date.startsWith(`${prefix}-12-`))
  );
}

/** Why a division's events do not cover a contiguous run of complete years (empty when they do). */
export function coverageProblems(events: readonly { date: IsoDate }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.date)) problems.push(`${event.date} is listed twice`);
    seen.add(event.date);
  }
  const years = events.map((event) => yearOf(event.date));
  const first = Math.min(...years);
  const last = Math.max(...years);
  for (let year = first; year <= last; year++) {
    if (!isCompleteYear(events, year)) {
      problems.push(`${year} is not complete (expected its January and December holidays)`);
    }
  }
  return problems;
}

/** The first and last years of a division's events (call after {@link coverageProblems} is empty). */
export function coverageOf(events: readonly { date: IsoDate }[]): Coverage {
  const years = events.map((event) => yearOf(event.date));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

/**
 * The bundled feed: GOV.UK's shape, each division under its own name, each covering a contiguous run
 * of complete years with no date listed twice.
 */
export const bankHolidayFeedSchema = bankHolidayFeedShapeSchema.superRefine((feed, ctx) => {
  for (const nation of nations) {
    const division = feed[nation];
    if (division.division !== nation) {
      ctx.addIssue({
        code: "custom",
        path: [nation, "division"],
        message: `expected "${nation}", got ${JSON.stringify(division.division)}`,
      });
    }
    for (const problem of coverageProblems(division.events)) {
      ctx.addIssue({ code: "custom", path: [nation, "events"], message: problem });
    }
  }
});
export type BankHolidayFeed = z.infer<typeof bankHolidayFeedSchema>;

/** Parses the feed; one {@link HolidayDataError} naming `source` and the first bad field otherwise. */
export function parseBankHolidayFeed(raw: unknown, source: string): BankHolidayFeed {
  const result = bankHolidayFeedSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new HolidayDataError(`${source}: ${where}: ${issue?.message ?? "invalid bank-holiday data"}`);
  }
  return result.data;
}

/** The outcome of {@link mergeBankHolidayFeed}: the new bundle and one line per change, for review. */
export interface FeedMerge {
  feed: BankHolidayFeed;
  changes: string[];
}

const byDate = (a: BankHolidayEvent, b: BankHolidayEvent) => a.date.localeCompare(b.date);

/**
 * Merges a freshly fetched GOV.UK feed into the bundled one without ever shrinking coverage:
 * every complete year in the download replaces that year of the bundle wholesale (GOV.UK is the
 * authority, and corrects and adds one-off days); years the download lacks or lists only in part
 * (GOV.UK drops old years and may list a next year early) keep their bundled events. The result is
 * sorted by date and checked with {@link bankHolidayFeedSchema}.
 * @throws HolidayDataError when the download is not the GOV.UK shape or has no complete year.
 */
export function mergeBankHolidayFeed(bundled: BankHolidayFeed, fetched: unknown, source: string): FeedMerge {
  const shape = bankHolidayFeedShapeSchema.safeParse(fetched);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new HolidayDataError(
      `${source}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "not the GOV.UK bank-holidays shape"}`,
    );
  }
  const changes: string[] = [];
  const merged = {} as Record<Nation, { division: Nation; events: BankHolidayEvent[] }>;
  for (const nation of nations) {
    const incoming = shape.data[nation].events;
    const incomingYears = new Set(incoming.map((event) => yearOf(event.date)));
    const completeYears = [...incomingYears].filter((year) => isCompleteYear(incoming, year));
    if (completeYears.length === 0) {
      throw new HolidayDataError(
        `${source}: ${nation}: no complete year (January to December) in the download`,
      );
    }
    const replaced = new Set(completeYears);
    const kept = bundled[nation].events.filter((event) => !replaced.has(yearOf(event.date)));
    const events = [...kept, ...incoming.filter((event) => replaced.has(yearOf(event.date)))].sort(byDate);
    const before = new Map(bundled[nation].events.map((event) => [event.date, event.title]));
    const after = new Map(events.map((event) => [event.date, event.title]));
    for (const [date, title] of after) {
      if (!before.has(date)) changes.push(`${nation}: added ${date} ${title}`);
      else if (before.get(date) !== title) changes.push(`${nation}: retitled ${date} ${title}`);
    }
    for (const [date, title] of before) {
      if (!after.has(date)) changes.push(`${nation}: removed ${date} ${title}`);
    }
    merged[nation] = { division: nation, events };
  }
  return { feed: parseBankHolidayFeed(merged, `${source} (merged with the bundle)`), changes };
}
