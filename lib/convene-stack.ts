/**
 * One Convene stack per local authority: the stateful half (key, table, buckets, secret, SES) and
 * the stateless half (functions, workflows, triggers, reply page, alarms), composed with typed props.
 */
import { Stack, type StackProps, Tags } from "aws-cdk-lib";
import type * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { parseAuthorityConfig } from "../adapters/config/load-authority.ts";
import type { AuthorityConfig } from "../domain/authority/index.ts";
import type { FunctionName } from "../functions/catalog.ts";
import { ConveneInboundStack } from "./inbound-stack.ts";
import { acknowledgeCompliancePacks } from "./nag.ts";
import { ConveneStateful, defaultRetention, type RetentionDays } from "./stateful.ts";
import { ConveneStateless } from "./stateless.ts";

export interface ConveneStackProps extends StackProps {
  /** The authority's configuration; validated again here with the authority schema. */
  authority: AuthorityConfig;
  /** The file it came from: bundled with every function and named in validation errors. */
  authorityConfigFile?: string;
  /**
   * The settings below come from the authority file's `deployment` (README, "Deploy"); a prop
   * given here overrides the file (programmatic use and tests).
   */
  /** Overrides of {@link defaultRetention}, in days. @default `deployment.retentionDays` */
  retention?: Partial<RetentionDays>;
  /** Name of an existing, active SES receipt rule set to add this authority's rule to. @default `deployment.sharedReceiptRuleSetName` */
  sharedReceiptRuleSetName?: string;
  /** The reply page's WAF: "own", "off" or a shared web ACL's ARN. @default `deployment.waf` */
  waf?: string;
  /** Log retention for functions, workflows and API access logs. @default `deployment.logRetentionDays` */
  logRetention?: logs.RetentionDays;
  /** Reserved concurrency by function name (e.g. `{ sweeper: 1 }`). @default `deployment.reservedConcurrency` */
  reservedConcurrency?: Partial<Record<FunctionName, number>>;
}

/** The CloudFormation stack name of an authority. */
export function stackNameFor(authorityId: string): string {
  return `Convene-${authorityId}`;
}

/** The stack name of an authority's receiving half, when SES receives in another Region. */
export function inboundStackNameFor(authorityId: string): string {
  return `Convene-${authorityId}-inbound`;
}

/** Raised when a prop contradicts the authority file (e.g. an `env.region` other than `deployment.region`). */
export class StackConfigurationError extends Error {
  override name = "StackConfigurationError";
}

/**
 * @example
 * const authority = parseAuthorityConfig(JSON.parse(readFileSync(file, "utf8")), file);
 * new ConveneStack(app, stackNameFor(authority.id), { authority, authorityConfigFile: file });
 */
export class ConveneStack extends Stack {
  readonly authority: AuthorityConfig;
  readonly stateful: ConveneStateful;
  readonly stateless: ConveneStateless;
  /** The receiving half in `deployment.receivingRegion`, when SES cannot receive in this Region. */
  readonly inbound: ConveneInboundStack | undefined;

  constructor(scope: Construct, id: string, props: ConveneStackProps) {
    const authority = parseAuthorityConfig(
      props.authority,
      props.authorityConfigFile ?? `authority "${props.authority.id}"`,
    );
    const { region, receivingRegion } = authority.deployment;
    if (props.env?.region !== undefined && props.env.region !== region) {
      throw new StackConfigurationError(
        `env.region ${props.env.region} differs from the authority's deployment.region ${region}: the Region is set in the authority file`,
      );
    }
    // The Region is the authority's, never the CLI profile's: no us-east-1 when no profile is set.
    const env = { account: props.env?.account, region };
    super(scope, id, {
      terminationProtection: true,
      description: `Convene for ${authority.name}: multi-agency meetings, convene to review`,
      ...props,
      env,
    });
    this.authority = authority;
    const retention = {
      ...defaultRetention(authority.retentionYears),
      ...definedOnly(authority.deployment.retentionDays),
      ...props.retention,
    };
    const sharedReceiptRuleSetName =
      props.sharedReceiptRuleSetName ?? authority.deployment.sharedReceiptRuleSetName;
    const remoteReceivingRegion = receivingRegion === region ? undefined : receivingRegion;

    this.stateful = new ConveneStateful(this, "stateful", {
      authorityId: authority.id,
      fromAddress: authority.email.from.email,
      replyDomain: authority.email.replyDomain,
      replySecretName: authority.email.replySecretName ?? `convene/${authority.id}/reply-signing-key`,
      retention,
      retentionYears: authority.retentionYears,
      sharedReceiptRuleSetName,
      remoteReceivingRegion,
    });
    this.stateless = new ConveneStateless(this, "stateless", {
      authority,
      stateful: this.stateful,
      authorityConfigFile: props.authorityConfigFile,
      logRetention: props.logRetention,
      waf: props.waf,
      reservedConcurrency: props.reservedConcurrency,
    });
    this.inbound = remoteReceivingRegion
      ? new ConveneInboundStack(scope, inboundStackNameFor(authority.id), {
          env: { account: env.account, region: remoteReceivingRegion },
          authorityId: authority.id,
          homeRegion: region,
          replyDomain: authority.email.replyDomain,
          inboundMailDays: retention.inboundMail,
          accessLogDays: retention.accessLogs,
          sharedReceiptRuleSetName,
          alarmEmails: authority.deployment.alarmEmails,
        })
      : undefined;
    // The subscription there names the inbound-email function here: deploy this stack first.
    this.inbound?.addStackDependency(
      this,
      "the inbound topic subscribes this stack's inbound-email function",
    );

    // On every taggable resource in the template, and on the stack itself (cost allocation).
    const tags = {
      app: "convene",
      "convene:authority": authority.id,
      // Children's social care records: personal and special category data.
      "data-classification": "OFFICIAL-SENSITIVE",
    };
    for (const stack of [this, ...(this.inbound ? [this.inbound] : [])]) {
      for (const [key, value] of Object.entries(tags)) {
        Tags.of(stack).add(key, value);
        stack.addStackTag(key, value);
      }
      // The NIST 800-53 R5 and Serverless packs' acknowledgements, all in lib/nag.ts.
      acknowledgeCompliancePacks(stack);
    }
  }
}

/** The entries of `record` whose value is not undefined. */
function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
