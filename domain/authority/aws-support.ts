/**
 * What the AWS services Convene uses support, as their documentation states it. Authority files
 * are validated against these lists at load, so a setting AWS would refuse at run time (a
 * Transcribe job with redaction in British English, a receipt rule in a Region without SES
 * receiving) is an error naming the file and field instead. Update a list when the page changes.
 */

/**
 * AWS Regions where Amazon SES supports email RECEIVING (receipt rule sets, inbound SMTP endpoints
 * `inbound-smtp.<region>.amazonaws.com`). Source: "Amazon Simple Email Service endpoints and
 * quotas", section "Email receiving endpoints", https://docs.aws.amazon.com/general/latest/gr/ses.html.
 * Until 3 December 2026 this list held only us-east-1, us-west-2 and eu-west-1, from an old copy of
 * that table. Re-checked 3 December 2026 (README, "Data residency"): the copy of the page this
 * project can search did not include the receiving section; copies of AWS's receiving table kept in
 * public repositories list the eleven Regions below, Europe (London) among them, and public
 * infrastructure code receives with SES in eu-west-2 and eu-central-1. Confirm on the page itself
 * before a first deploy: a receipt rule set in a Region without SES receiving fails the deploy.
 */
export const sesReceivingRegions = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-1",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
] as const;

/**
 * Language codes for which Amazon Transcribe batch jobs accept `ContentRedaction` (PII).
 * Source: "Redacting PII in your batch job", https://docs.aws.amazon.com/transcribe/latest/dg/pii-redaction-batch.html
 * (US English and US Spanish) and the Transcribe document history of 1 May 2026, which adds
 * fr-FR, fr-CA, de-DE, de-CH, it-IT, pt-PT and pt-BR. British English (en-GB) is not supported:
 * a job asking for it is rejected.
 */
export const transcribeRedactionLanguages = [
  "en-US",
  "es-US",
  "fr-FR",
  "fr-CA",
  "de-DE",
  "de-CH",
  "it-IT",
  "pt-PT",
  "pt-BR",
] as const;

/**
 * Retention periods CloudWatch Logs accepts, in days (PutRetentionPolicy `retentionInDays`).
 * Source: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const cloudWatchLogRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The Region an authority is deployed to when its file names none: Europe (London). */
export const defaultRegion = "eu-west-2";

/**
 * Where SES receives an authority's replies when the file does not say: its own Region when SES
 * receives there, else Europe (Ireland) for a European Region, else nothing (the file must choose).
 */
export function defaultReceivingRegion(region: string): string | undefined {
  if ((sesReceivingRegions as readonly string[]).includes(region)) return region;
  return region.startsWith("eu-") ? "eu-west-1" : undefined;
}
