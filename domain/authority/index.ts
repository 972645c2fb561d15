/**
 * Local authority configuration: the schema of `authorities/*.json` and how its overrides change
 * the meeting-type catalog.
 * @example
 * ```ts
 * const config = authorityConfigSchema.parse(json);
 * const catalog = applyAuthority(loadCatalog(), config);
 * ```
 */
export { applyAuthority } from "./apply-authority.ts";
export {
  type AuthorityConfig,
  type AuthorityConfigInput,
  authorityConfigSchema,
  type MeetingTypeOverride,
  meetingTypeOverrideSchema,
} from "./schema.ts";
