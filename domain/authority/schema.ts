/**
 * A local authority's configuration (`authorities/*.json`): who it is, how it sends email, its
 * escalation and minutes-approval policy, transcription and drafting settings, retention, contacts,
 * and overrides of the meeting-type catalog (names, cadence, role lists). Validated by zod; unknown
 * fields, meeting types, triggers and roles are errors that name the field and what was expected.
 */
import { z } from "zod";
import {
  meetingTypeData,
  meetingTypeIds,
  requirementRoles,
  roleIdSchema,
  roleRequirementSchema,
  strictObject,
  triggerKinds,
} from "#domain/catalog/index.ts";
import { durationSchema, nationSchema } from "#domain/clock/index.ts";
import {
  cloudWatchLogRetentionDays,
  defaultReceivingRegion,
  defaultRegion,
  sesReceivingRegions,
  transcribeRedactionLanguages,
} from "./aws-support.ts";

const email = () =>
  z.email({ error: (issue) => `expected an email address, got ${JSON.stringify(issue.input)}` });
const person = () => strictObject({ name: z.string().min(1), email: email() });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const awsRegionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const awsRegion = () => z.string().regex(awsRegionPattern, "expected an AWS Region such as eu-west-2");
const wafAclArn = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+/;
const days = () => z.number().int("expected a whole number of days").min(1);

const httpsUrl = () =>
  z.url({
    protocol: /^https$/,
    error: (issue) => `expected an https:// URL, got ${JSON.stringify(issue.input)}`,
  });
/** Cognito's provider names: letters, digits, spaces, . _ - and the like, 1–32 (here: no spaces). */
const providerName = () =>
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
      "expected a provider name of 1–32 letters, digits, '.', '_' or '-', e.g. EntraID",
    )
    .refine((name) => name !== "COGNITO", {
      error: '"COGNITO" is Cognito\'s own directory, not a provider name',
    });

/**
 * The council's identity provider, federated into the workspace's Cognito user pool (README,
 * "Connecting the council's identity provider"). OIDC (e.g. Microsoft Entra ID's v2.0 endpoint) or
 * SAML 2.0 (e.g. Entra ID's enterprise application, ADFS).
 */
export const identityProviderSchema = z.discriminatedUnion(
  "type",
  [
    strictObject({
      type: z.literal("oidc"),
      /** The provider's name in the pool (shown nowhere; sign-in goes straight to it). */
      name: providerName(),
      /** The issuer, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 */
      issuerUrl: httpsUrl(),
      /** The application (client) id the council registered for Convene. */
      clientId: z.string().min(1),
      /** Name of the Secrets Manager secret holding the client secret (read at deploy time, never in the template). */
      clientSecretName: z
        .string()
        .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, "expected a Secrets Manager secret name"),
      scopes: z.array(z.string().min(1)).default(["openid", "email", "profile"]),
      /** The claims holding the person's email address and display name. */
      emailClaim: z.string().min(1).default("email"),
      nameClaim: z.string().min(1).default("name"),
    }),
    strictObject({
      type: z.literal("saml"),
      name: providerName(),
      /** The federation metadata document's URL, e.g. Entra ID's App Federation Metadata Url. */
      metadataUrl: httpsUrl(),
      /** The assertion attributes holding the email address and display name. */
      emailAttribute: z
        .string()
        .min(1)
        .default("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"),
      nameAttribute: z.string().min(1).default("http://schemas.microsoft.com/identity/claims/displayname"),
    }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? 'expected type "oidc" or "saml"'
        : (issue.message ?? "invalid identity provider"),
  },
);
export type IdentityProviderConfig = z.output<typeof identityProviderSchema>;

/** The staff workspace's sign-in in the stack (lib/workspace.ts). */
export const workspaceDeploymentSchema = strictObject({
  /**
   * The hosted sign-in's domain prefix (https://<prefix>.auth.<region>.amazoncognito.com), unique
   * in the Region. @default convene-<authority id>
   */
  cognitoDomainPrefix: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      "expected lower-case letters, digits and hyphens, up to 63",
    )
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
      error: 'Cognito refuses a domain prefix containing "aws", "amazon" or "cognito"',
    })
    .optional(),
  /** Without one, staff are created in the pool by an admin and sign in with a password and an authenticator app. */
  identityProvider: identityProviderSchema.optional(),
  /** How long a sign-in lasts (the ID token's validity), in minutes. */
  sessionMinutes: z.number().int("expected a whole number of minutes").min(5).max(1440).default(60),
});

/**
 * Where and how the authority's stack is deployed (`cdk deploy`): Region, SES receiving, WAF, logs,
 * concurrency, retention overrides and who gets the alarms. Every field has a default.
 */
export const deploymentSchema = strictObject({
  /** The AWS Region of the stack: every resource holding the authority's data. */
  region: awsRegion().default(defaultRegion),
  /**
   * Where SES receives replies. Another Region than the stack's only when the stack's Region has no
   * SES receiving (or the council chooses one): then only the receipt rule, the raw replies and
   * their notification live there, in a second stack.
   * @default the stack's Region if SES receives there, else eu-west-1 for a European Region
   */
  receivingRegion: awsRegion()
    .refine((region) => (sesReceivingRegions as readonly string[]).includes(region), {
      error: (issue) =>
        `SES does not receive email in ${JSON.stringify(issue.input)} (expected one of ${sesReceivingRegions.join(", ")})`,
    })
    .optional(),
  /**
   * Name of an existing, active SES receipt rule set (one per account and Region) to add this
   * authority's rule to, when several authorities share an account and Region.
   */
  sharedReceiptRuleSetName: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "expected a receipt rule set name: letters, digits, _ and -, up to 64")
    .optional(),
  /**
   * The reply page's WAF: "own" (a web ACL for this authority), "off", or the ARN of a shared
   * regional web ACL to associate.
   */
  waf: z
    .string()
    .refine((value) => value === "own" || value === "off" || wafAclArn.test(value), {
      error: (issue) =>
        `expected "own", "off" or a regional WAFv2 web ACL ARN, got ${JSON.stringify(issue.input)}`,
    })
    .default("own"),
  /** Retention of function, workflow and API access logs. */
  logRetentionDays: z
    .number()
    .refine((n) => (cloudWatchLogRetentionDays as readonly number[]).includes(n), {
      error: (issue) =>
        `CloudWatch Logs cannot keep logs ${JSON.stringify(issue.input)} days (expected one of ${cloudWatchLogRetentionDays.join(", ")})`,
    })
    .default(180),
  /** Reserved concurrency by function name, e.g. { "sweeper": 1 } (needs unreserved account concurrency). */
  reservedConcurrency: z
    .record(z.string(), z.number().int("expected a whole number of executions").min(0))
    .default({}),
  /** Overrides of the default retention periods, in days. */
  retentionDays: strictObject({
    recordings: days().optional(),
    transcripts: days().optional(),
    documents: days().optional(),
    inboundMail: days().optional(),
    accessLogs: days().optional(),
  }).prefault({}),
  /** Addresses subscribed to the alarm topic (each confirms the subscription once). */
  alarmEmails: z.array(email()).default([]),
  /** The staff workspace's sign-in. */
  workspace: workspaceDeploymentSchema.prefault({}),
})
  .superRefine((deployment, ctx) => {
    // A malformed Region is already reported on its own field.
    if (!awsRegionPattern.test(deployment.region)) return;
    if (deployment.receivingRegion === undefined && defaultReceivingRegion(deployment.region) === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["receivingRegion"],
        message: `SES does not receive email in ${deployment.region}: set receivingRegion to one of ${sesReceivingRegions.join(", ")}`,
      });
    }
  })
  .transform((deployment) => ({
    ...deployment,
    receivingRegion:
      deployment.receivingRegion ?? defaultReceivingRegion(deployment.region) ?? deployment.region,
  }));
export type DeploymentConfig = z.output<typeof deploymentSchema>;

const workingDays = (fallback: number) =>
  z.number().int("expected a whole number of working days").min(0).default(fallback);

/** Overrides of one meeting type. Lists given here replace the catalog's lists. */
export const meetingTypeOverrideSchema = strictObject({
  /** The authority's name for the meeting, e.g. "Child in Need Meeting". */
  name: z.string().min(1).optional(),
  abbreviation: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  roles: strictObject({
    required: z.array(roleRequirementSchema).optional(),
    invited: z.array(roleIdSchema).optional(),
    observer: z.array(roleIdSchema).optional(),
  }).optional(),
  timescales: strictObject({
    /** First-meeting durations by trigger; only triggers the catalog type already has. */
    first: strictObject(
      Object.fromEntries(triggerKinds.map((kind) => [kind, durationSchema.optional()])) as Record<
        (typeof triggerKinds)[number],
        z.ZodOptional<typeof durationSchema>
      >,
      "trigger",
    ).optional(),
    review: strictObject({
      next: durationSchema.nullable().optional(),
      thereafter: durationSchema.nullable().optional(),
    }).optional(),
    minutesDistribution: durationSchema.nullable().optional(),
  }).optional(),
});
export type MeetingTypeOverride = z.infer<typeof meetingTypeOverrideSchema>;

const meetingTypeOverridesSchema = strictObject(
  Object.fromEntries(meetingTypeIds.map((id) => [id, meetingTypeOverrideSchema.optional()])) as Record<
    (typeof meetingTypeIds)[number],
    z.ZodOptional<typeof meetingTypeOverrideSchema>
  >,
  "meeting type",
);

/** The configuration of one local authority. */
export const authorityConfigSchema = strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a slug: lowercase letters, digits and single hyphens")
    // It is part of bucket names (63 characters at most) and function names (64).
    .max(24, "expected at most 24 characters (the id is part of bucket and function names)"),
  name: z.string().min(1),
  nation: nationSchema,
  timezone: z
    .string()
    .refine(isTimeZone, {
      error: (issue) =>
        `expected an IANA time zone such as Europe/London, got ${JSON.stringify(issue.input)}`,
    })
    .default("Europe/London"),
  email: strictObject({
    from: person(),
    replyDomain: z.hostname({
      error: (issue) => `expected a domain name, got ${JSON.stringify(issue.input)}`,
    }),
    /** The secret that holds the key signing reply addresses (Secrets Manager name). */
    replySecretName: z.string().min(1).optional(),
  }),
  escalation: strictObject({
    /** Remind the action owner this many working days before the due date. */
    actionReminderWorkingDaysBefore: workingDays(2),
    /** Escalate to the owner's line manager this many working days after the due date. */
    lineManagerAfterWorkingDays: workingDays(1),
    /** Escalate to the chair this many working days after the due date. */
    chairAfterWorkingDays: workingDays(3),
    /**
     * Escalate to the service manager this many working days after the chair and team manager
     * were told (issue 13: the ladder's rung above them). @default chairAfterWorkingDays
     */
    serviceManagerAfterWorkingDays: z
      .number()
      .int("expected a whole number of working days")
      .min(0)
      .optional(),
  }).prefault({}),
  minutes: strictObject({
    /** Working days attendees have to approve the draft minutes. */
    approvalWorkingDays: workingDays(3),
    /** What happens to attendees who do not answer: a policy choice, so no default. */
    nonResponder: strictObject({
      rule: z.enum(["deemed-agreed-with-chair-confirmation", "escalate"], {
        error: (issue) =>
          `expected "deemed-agreed-with-chair-confirmation" or "escalate", got ${JSON.stringify(issue.input)}`,
      }),
      afterWorkingDays: z.number().int("expected a whole number of working days").min(0),
    }),
  }),
  transcription: strictObject({
    /**
     * Amazon Transcribe's PII redaction. Only for the languages in `transcribeRedactionLanguages`
     * (not en-GB), so off by default: for British English the transcript is not redacted.
     */
    piiRedaction: z.boolean().default(false),
    languageCode: z
      .string()
      .regex(/^[a-z]{2}-[A-Z]{2}$/, "expected a language code such as en-GB")
      .default("en-GB"),
    customVocabulary: z.array(z.string().min(1)).default([]),
  })
    .prefault({})
    .superRefine((transcription, ctx) => {
      // Transcribe rejects StartTranscriptionJob with ContentRedaction for other languages.
      const supported = transcribeRedactionLanguages as readonly string[];
      if (transcription.piiRedaction && !supported.includes(transcription.languageCode)) {
        ctx.addIssue({
          code: "custom",
          path: ["piiRedaction"],
          message: `Amazon Transcribe cannot redact PII in ${transcription.languageCode} (redaction supports ${supported.join(", ")}); set piiRedaction to false`,
        });
      }
    }),
  drafting: strictObject({
    generative: strictObject({
      enabled: z.boolean().default(false),
      modelId: z.string().min(1).optional(),
    }).prefault({}),
  }).prefault({}),
  retentionYears: z.number().int("expected a whole number of years").min(1).max(100),
  contacts: strictObject({
    teamManager: person(),
    serviceManager: person().optional(),
  }),
  meetingTypes: meetingTypeOverridesSchema.default({}),
  deployment: deploymentSchema.prefault({}),
}).superRefine((config, ctx) => {
  // Checks that need the catalog: overridden triggers exist for the type, no role at two levels.
  for (const [id, override] of Object.entries(config.meetingTypes)) {
    if (!override) continue;
    const base = meetingTypeData.find((type) => type.id === id);
    if (!base) continue;
    const known = base.timescales.first.filter((t) => t.rule === "within").map((t) => t.trigger);
    for (const trigger of Object.keys(override.timescales?.first ?? {})) {
      if (!known.includes(trigger as (typeof known)[number])) {
        ctx.addIssue({
          code: "custom",
          path: ["meetingTypes", id, "timescales", "first", trigger],
          message:
            known.length === 0
              ? `${base.name} has no first-meeting deadline to override`
              : `${base.name} has no first-meeting deadline from ${trigger} (expected one of ${known.join(", ")})`,
        });
      }
    }
    const roles = override.roles;
    if (!roles) continue;
    const seen = new Map<string, string>();
    const check = (role: string, where: (string | number)[]) => {
      const before = seen.get(role);
      if (before !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["meetingTypes", id, "roles", ...where],
          message: `"${role}" is already listed at roles.${before}`,
        });
      }
      seen.set(role, where.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(""));
    };
    roles.required?.forEach((entry, i) => {
      for (const role of requirementRoles(entry)) check(role, ["required", i]);
    });
    roles.invited?.forEach((role, i) => {
      check(role, ["invited", i]);
    });
    roles.observer?.forEach((role, i) => {
      check(role, ["observer", i]);
    });
  }
});

/** A validated authority configuration (defaults filled in). */
export type AuthorityConfig = z.output<typeof authorityConfigSchema>;
/** An authority configuration as written in the file (defaults optional). */
export type AuthorityConfigInput = z.input<typeof authorityConfigSchema>;
