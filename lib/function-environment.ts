/**
 * The environment variables the stack gives Convene's Lambda functions. No CDK import here, so the
 * AWS composition root (adapters/aws) can read the same names. Values are names and ARNs only:
 * no secret is ever put in the environment (the reply-token key is fetched from Secrets Manager).
 *
 * A function only receives the variables for what its spec in `functions/catalog.ts` lets it touch:
 * e.g. `TABLE_NAME` only when `table` is not "none", bucket names only for its buckets.
 */
export const envNames = {
  /** Every function. */
  authorityId: "AUTHORITY_ID",
  /** Absolute path of the authority's JSON configuration, bundled next to the handler. */
  authorityConfigPath: "AUTHORITY_CONFIG_PATH",
  powertoolsServiceName: "POWERTOOLS_SERVICE_NAME",
  powertoolsMetricsNamespace: "POWERTOOLS_METRICS_NAMESPACE",
  powertoolsLogLevel: "POWERTOOLS_LOG_LEVEL",
  nodeOptions: "NODE_OPTIONS",
  /** Table access. */
  tableName: "TABLE_NAME",
  timersIndexName: "TIMERS_INDEX_NAME",
  /** Bucket access, one per bucket in the spec. */
  recordingsBucket: "RECORDINGS_BUCKET",
  transcriptsBucket: "TRANSCRIPTS_BUCKET",
  documentsBucket: "DOCUMENTS_BUCKET",
  inboundMailBucket: "INBOUND_MAIL_BUCKET",
  /** `readsReplySecret`. */
  replySecretArn: "REPLY_SECRET_ARN",
  /** `sendsEmail`. */
  fromAddress: "FROM_ADDRESS",
  fromName: "FROM_NAME",
  replyDomain: "REPLY_DOMAIN",
  sesConfigurationSet: "SES_CONFIGURATION_SET",
  /** `sendsEmail` and `readsReplySecret`: base URL of the reply page, ending in `/r/`. */
  replyPageBaseUrl: "REPLY_PAGE_BASE_URL",
  /** `startsExecutions` (and `completesTasks`, for describing what a token belongs to). */
  lifecycleStateMachineArn: "LIFECYCLE_STATE_MACHINE_ARN",
  actionTrackerStateMachineArn: "ACTION_TRACKER_STATE_MACHINE_ARN",
  /** `startsTranscription`: every job name starts with this prefix (the EventBridge rule filters on it). */
  transcriptionJobPrefix: "TRANSCRIPTION_JOB_PREFIX",
  /** `startsTranscription`: the authority's Amazon Transcribe custom vocabulary. */
  transcribeVocabularyName: "TRANSCRIBE_VOCABULARY_NAME",
  /** draft-minutes, where the authority switches the generative drafter on. */
  bedrockModelId: "BEDROCK_MODEL_ID",
  /** The web function: the staff workspace's sign-in (lib/workspace.ts) and where it is served. */
  userPoolId: "USER_POOL_ID",
  userPoolClientId: "USER_POOL_CLIENT_ID",
  /** The hosted sign-in's origin, e.g. https://convene-demo.auth.eu-west-2.amazoncognito.com */
  cognitoDomainUrl: "COGNITO_DOMAIN_URL",
  /** The council's identity provider's name in the pool (skips Cognito's chooser); unset for none. */
  identityProviderName: "IDENTITY_PROVIDER_NAME",
  /** The workspace's URL: origin and base path, no trailing slash. */
  workspaceUrl: "WORKSPACE_URL",
  /** The path the workspace is served under ("/reply", API Gateway's stage), or "". */
  workspaceBasePath: "WORKSPACE_BASE_PATH",
  /** `startsTranscription`: KMS key for the transcript output. */
  transcriptKmsKeyArn: "TRANSCRIPT_KMS_KEY_ARN",
} as const;

/** Name of an environment variable set by the stack. */
export type EnvName = (typeof envNames)[keyof typeof envNames];

/** Where the authority configuration is bundled inside each function (`/var/task` is LAMBDA_TASK_ROOT). */
export const bundledAuthorityConfigPath = "/var/task/authority.json";
