/** The UK nations whose bank holidays a local authority follows, named as GOV.UK names its divisions. */
import { z } from "zod";

/** GOV.UK's bank-holiday divisions, in the order its feed lists them. */
export const nations = ["england-and-wales", "scotland", "northern-ireland"] as const;

/** A nation (GOV.UK division): `england-and-wales`, `scotland` or `northern-ireland`. */
export const nationSchema = z.enum(nations, {
  error: (issue) =>
    `expected a nation: england-and-wales, scotland or northern-ireland, got ${JSON.stringify(issue.input)}`,
});

/** A nation whose bank holidays apply to an authority. */
export type Nation = z.infer<typeof nationSchema>;
