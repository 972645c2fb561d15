/** Field schemas shared by the plan's use cases (each use case's own schema is beside it). */
import { z } from "zod";
import { isoDateSchema } from "../clock/index.ts";

export const text = (max: number) =>
  z.string().trim().min(1, "expected a non-empty text").max(max, `expected at most ${max} characters`);
export const email = () =>
  z.email({ error: "expected an email address" }).max(254, "expected at most 254 characters");
export const calendarDate = () =>
  isoDateSchema.refine((v) => v >= "1900-01-01" && v <= "2100-12-31", {
    error: "expected a date YYYY-MM-DD between 1900 and 2100",
  });
export const staffPersonInput = z.strictObject({ name: text(200), email: email() });
