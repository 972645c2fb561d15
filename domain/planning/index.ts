/**
 * Planning a meeting (issue 2, section 4): the request schema, the plan types and the pure use case.
 * @example
 * ```ts
 * const result = planMeeting(json, applyAuthority(loadCatalog(), authority), authority);
 * ```
 */
export { planMeeting } from "./plan-meeting.ts";
export * from "./plan-request.ts";
