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
import { ConveneStateful, defaultRetention, type RetentionDays } from "./stateful.ts";
import { ConveneStateless } from "./stateless.ts";

export interface ConveneStackProps extends StackProps {
  /** The authority's configuration; validated again here with the authority schema. */
  authority: AuthorityConfig;
  /** The file it came from: bundled with every function and named in validation errors. */
  authorityConfigFile?: string;
  /** Overrides of {@link defaultRetention}, in days. */
  retention?: Partial<RetentionDays>;
  /** Name of an existing, active SES receipt rule set to add this authority's rule to. */
  sharedReceiptRuleSetName?: string;
  /** WAF in front of the reply page. @default true */
  waf?: boolean;
  /** Log retention for functions, workflows and API access logs. @default six months */
  logRetention?: logs.RetentionDays;
  /** Reserved concurrency by function name (e.g. `{ sweeper: 1 }`). */
  reservedConcurrency?: Partial<Record<FunctionName, number>>;
}

/** The CloudFormation stack name of an authority. */
export function stackNameFor(authorityId: string): string {
  return `Convene-${authorityId}`;
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

  constructor(scope: Construct, id: string, props: ConveneStackProps) {
    const authority = parseAuthorityConfig(
      props.authority,
      props.authorityConfigFile ?? `authority "${props.authority.id}"`,
    );
    super(scope, id, {
      terminationProtection: true,
      description: `Convene for ${authority.name}: multi-agency meetings, convene to review`,
      ...props,
    });
    this.authority = authority;

    this.stateful = new ConveneStateful(this, "stateful", {
      authorityId: authority.id,
      fromAddress: authority.email.from.email,
      replyDomain: authority.email.replyDomain,
      replySecretName: authority.email.replySecretName ?? `convene/${authority.id}/reply-signing-key`,
      retention: { ...defaultRetention(authority.retentionYears), ...props.retention },
      sharedReceiptRuleSetName: props.sharedReceiptRuleSetName,
    });
    this.stateless = new ConveneStateless(this, "stateless", {
      authority,
      stateful: this.stateful,
      authorityConfigFile: props.authorityConfigFile,
      logRetention: props.logRetention,
      waf: props.waf,
      reservedConcurrency: props.reservedConcurrency,
    });

    // On every taggable resource in the template, and on the stack itself (cost allocation).
    const tags = {
      app: "convene",
      "convene:authority": authority.id,
      // Children's social care records: personal and special category data.
      "data-classification": "OFFICIAL-SENSITIVE",
    };
    for (const [key, value] of Object.entries(tags)) {
      Tags.of(this).add(key, value);
      this.addStackTag(key, value);
    }
  }
}
