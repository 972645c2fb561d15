/**
 * The one place that carries the shared Lambda defaults of Convene (after Powertools'
 * `examples/app/cdk/function-with-logstream-construct.ts`): ARM_64, the current Node.js runtime,
 * X-Ray tracing, source maps, an ESM bundle, an explicit KMS-encrypted log group with retention,
 * its own role with no AWS managed policy, and typed grant helpers (`bindTable`, `bindBucket`, …)
 * that grant exactly one kind of access and set the matching environment variable.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Annotations, ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { envNames } from "./function-environment.ts";
import { acknowledgeIamWildcard } from "./nag.ts";

/** The repository root (the folder holding package.json and functions/). */
export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The newest Node.js runtime aws-cdk-lib 2.276 knows (cdk-nag AwsSolutions-L1 checks the same list). */
export const functionRuntime = lambda.Runtime.NODEJS_24_X;

/** Where the handler of function `name` lives. */
export function handlerEntry(name: string): string {
  return path.join(repoRoot, "functions", name, "handler.ts");
}

/** Raised when a handler file is missing and the stack is being bundled for deployment. */
export class MissingHandlerError extends Error {
  override name = "MissingHandlerError";
}

/** Table access, as in `functions/catalog.ts`. */
export type TableAccessMode = "read" | "read-write";
/** Bucket access. */
export type BucketAccessMode = "read" | "read-write";

export interface ConveneFunctionProps {
  /** kebab-case; the folder under functions/ (entry `functions/<name>/handler.ts`, export `handler`). */
  name: string;
  description?: string;
  /** Encrypts the log group. */
  encryptionKey: kms.IKey;
  /** Non-secret variables for every function of the stack (authority id, Powertools settings). */
  environment?: Record<string, string>;
  /** @default 30 seconds */
  timeout?: Duration;
  /** @default 512 MB */
  memorySize?: number;
  /** @default no reservation */
  reservedConcurrentExecutions?: number;
  /** @default six months */
  logRetention?: logs.RetentionDays;
  /** Files copied next to the bundle, by target file name → absolute source path. */
  bundledFiles?: Record<string, string>;
  /** Relative to the repository root. @default `functions/<name>/handler.ts` */
  entry?: string;
}

/** Source of the stand-in code used when a handler is missing and bundling is skipped (tests, local synth). */
const missingHandlerStub =
  'exports.handler = async () => { throw new Error("handler not bundled: synthesized with bundling skipped"); };';

/**
 * A Convene Lambda function with the shared defaults.
 *
 * With bundling skipped for the stack (context `aws:cdk:bundling-stacks` = `[]`), a missing
 * handler file does not fail synthesis: `NodejsFunction` itself throws `Cannot find entry file`
 * even when it will not bundle, so this construct substitutes an inline stub and records an info
 * annotation. When the stack is bundled, a missing handler is a {@link MissingHandlerError}.
 *
 * @example
 * const fn = new ConveneFunction(scope, "load-meeting", { name: "load-meeting", encryptionKey: key });
 * fn.bindTable({ table, access: "read", indexNames: ["gsi1"] });
 */
export class ConveneFunction extends NodejsFunction {
  /** The function's own role (no AWS managed policies; each grant is explicit). */
  readonly executionRole: iam.Role;
  /** The function's name in the catalog. */
  readonly specName: string;

  constructor(scope: Construct, id: string, props: ConveneFunctionProps) {
    const entry = props.entry ? path.resolve(repoRoot, props.entry) : handlerEntry(props.name);
    const bundling = Stack.of(scope).bundlingRequired;
    const entryExists = existsSync(entry);
    if (!entryExists && bundling) {
      throw new MissingHandlerError(
        `${path.relative(repoRoot, entry)} does not exist: write the handler, or synthesize with bundling skipped (context aws:cdk:bundling-stacks = [])`,
      );
    }
    // Created in the parent scope, as Powertools does, because a construct cannot own children
    // before super(); the ids keep them next to the function in the tree.
    const logGroup = new logs.LogGroup(scope, `${id}-logs`, {
      retention: props.logRetention ?? logs.RetentionDays.SIX_MONTHS,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(scope, `${id}-role`, {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Convene ${props.name}: only what functions/catalog.ts lists`,
    });
    // Instead of AWSLambdaBasicExecutionRole: write to this function's own log group only.
    logGroup.grantWrite(role);

    const copies = Object.entries(props.bundledFiles ?? {});
    super(scope, id, {
      description: props.description,
      runtime: functionRuntime,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        // Stack traces point at the TypeScript sources.
        [envNames.nodeOptions]: "--enable-source-maps",
        ...props.environment,
      },
      ...(entryExists
        ? {
            entry,
            handler: "handler",
            projectRoot: repoRoot,
            depsLockFilePath: path.join(repoRoot, "package-lock.json"),
            bundling: {
              format: OutputFormat.ESM,
              target: "node24",
              mainFields: ["module", "main"],
              minify: true,
              keepNames: true,
              sourceMap: true,
              sourcesContent: false,
              tsconfig: path.join(repoRoot, "tsconfig.json"),
              // Bundle everything, the AWS SDK included: the versions tested are the versions deployed.
              externalModules: [],
              // Some dependencies are CommonJS and call require(): give the ESM bundle one.
              banner:
                'import { createRequire as __conveneCreateRequire } from "node:module"; const require = __conveneCreateRequire(import.meta.url);',
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  copies.map(
                    ([target, source]) =>
                      `node -e "require('node:fs').copyFileSync(process.argv[1], process.argv[2])" ${JSON.stringify(source)} ${JSON.stringify(path.join(outputDir, target))}`,
                  ),
              },
            },
          }
        : { code: lambda.Code.fromInline(missingHandlerStub), handler: "index.handler" }),
    });
    if (!entryExists) {
      Annotations.of(this).addInfo(
        `${path.relative(repoRoot, entry)} is missing: stub code used (bundling skipped)`,
      );
    }
    this.executionRole = role;
    this.specName = props.name;
    acknowledgeIamWildcard(
      role,
      { resource: "*" },
      "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions",
    );
  }

  /**
   * Grants table access (items of `table` and the named indexes, nothing else) and sets
   * `TABLE_NAME`. Read: GetItem, BatchGetItem, Query, ConditionCheckItem, DescribeTable. Read-write
   * adds PutItem, UpdateItem, DeleteItem, BatchWriteItem. The table's KMS key: Decrypt/DescribeKey,
   * plus Encrypt/GenerateDataKey for writes.
   */
  bindTable({
    table,
    access,
    indexNames = [],
  }: {
    table: dynamodb.ITable;
    access: TableAccessMode;
    indexNames?: readonly string[];
  }): void {
    const read = [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DescribeTable",
    ];
    const write = [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === "read" ? read : [...read, ...write],
        resources: [table.tableArn, ...indexNames.map((index) => `${table.tableArn}/index/${index}`)],
      }),
    );
    if (table.encryptionKey) this.allowKey(table.encryptionKey, access);
    this.addEnvironment(envNames.tableName, table.tableName);
  }

  /**
   * Grants object access to one bucket (GetObject; read-write adds PutObject) and its KMS key, and
   * sets `envName` to the bucket name. The object-level wildcard is acknowledged for cdk-nag:
   * object keys are generated per meeting and cannot be listed in a policy.
   */
  bindBucket({
    bucket,
    access,
    envName,
  }: {
    bucket: s3.IBucket;
    access: BucketAccessMode;
    envName: string;
  }): void {
    const objects = bucket.arnForObjects("*");
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === "read" ? ["s3:GetObject"] : ["s3:GetObject", "s3:PutObject"],
        resources: [objects],
      }),
    );
    if (bucket.encryptionKey) this.allowKey(bucket.encryptionKey, access);
    this.addEnvironment(envName, bucket.bucketName);
    acknowledgeIamWildcard(
      this.executionRole,
      { resource: objects },
      `Object keys are generated per meeting; ${access} access is limited to the objects of this one bucket (${envName})`,
    );
  }

  /** Grants reading one secret (and decrypting it with its key) and sets `envName` to its ARN, never its value. */
  bindSecret({ secret, envName }: { secret: secretsmanager.ISecret; envName: string }): void {
    secret.grantRead(this);
    this.addEnvironment(envName, secret.secretArn);
  }

  /**
   * Grants sending email through SES v2 (`ses:SendEmail`, and `ses:SendRawEmail` for v1 raw MIME)
   * from the given identity with the given configuration set, nothing else.
   */
  allowSendEmail({
    identityArn,
    configurationSetName,
  }: {
    identityArn: string;
    configurationSetName: string;
  }): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: configurationSetName,
    });
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [identityArn, configurationSetArn],
      }),
    );
  }

  /** Grants `SendTaskSuccess`/`SendTaskFailure`/`SendTaskHeartbeat` for tokens of these state machines. */
  allowTaskResponses(stateMachineArns: readonly string[]): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"],
        resources: [...stateMachineArns],
      }),
    );
  }

  /** Grants `StartExecution` on these state machines. */
  allowStartExecutions(stateMachineArns: readonly string[]): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["states:StartExecution"], resources: [...stateMachineArns] }),
    );
  }

  /**
   * Grants starting and reading Amazon Transcribe jobs whose names start with `jobPrefix`, writing
   * their output to `outputBucket` only, encrypted with `outputKey`.
   */
  allowTranscription({
    jobPrefix,
    outputBucket,
    outputKey,
  }: {
    jobPrefix: string;
    outputBucket: s3.IBucket;
    outputKey: kms.IKey;
  }): void {
    const jobs = Stack.of(this).formatArn({
      service: "transcribe",
      resource: "transcription-job",
      resourceName: `${jobPrefix}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["transcribe:StartTranscriptionJob"],
        resources: [jobs],
        conditions: { StringEquals: { "transcribe:OutputBucketName": outputBucket.bucketName } },
      }),
    );
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["transcribe:GetTranscriptionJob"], resources: [jobs] }),
    );
    // The authority's custom vocabulary (SENCo, CAMHS, EHCP…): one named resource, created on first use.
    const vocabularyName = `${jobPrefix}vocabulary`;
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["transcribe:GetVocabulary", "transcribe:CreateVocabulary", "transcribe:UpdateVocabulary"],
        resources: [
          Stack.of(this).formatArn({
            service: "transcribe",
            resource: "vocabulary",
            resourceName: vocabularyName,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.addEnvironment(envNames.transcribeVocabularyName, vocabularyName);
    this.addEnvironment(envNames.transcriptionJobPrefix, jobPrefix);
    this.addEnvironment(envNames.transcriptKmsKeyArn, outputKey.keyArn);
    acknowledgeIamWildcard(
      this.executionRole,
      { resource: jobs },
      "Transcription job names are generated per meeting; the wildcard is limited to this authority's job-name prefix",
    );
  }

  /** The generative drafter (Amazon Bedrock), only where the authority switches it on. */
  allowGenerativeDrafting(modelId: string): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["bedrock:InvokeModel"],
        resources: [
          Stack.of(this).formatArn({
            service: "bedrock",
            account: "",
            resource: "foundation-model",
            resourceName: modelId,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.addEnvironment(envNames.bedrockModelId, modelId);
  }

  private allowKey(key: kms.IKey, access: TableAccessMode | BucketAccessMode): void {
    const actions =
      access === "read"
        ? ["kms:Decrypt", "kms:DescribeKey"]
        : ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];
    this.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [key.keyArn] }));
  }
}
