/**
 * What the AWS services Convene uses support, as their documentation states it. Authority files
 * are validated against these lists at load, so a setting AWS would refuse at run time (a
 * Transcribe job with redaction in British English, a receipt rule in a Region without SES
 * receiving) is an error naming the file and field instead. Update a list when the page changes.
 */

/**
 * AWS Regions where Amazon SES supports email RECEIVING (receipt rule sets, inbound SMTP).
 * Source: "Amazon Simple Email Service endpoints and quotas", section "Email receiving endpoints",
 * https://docs.aws.amazon.com/general/latest/gr/ses.html (checked 2 December 2026): receiving
 * endpoints are listed for US East (N. Virginia), US West (Oregon) and Europe (Ireland); Europe
 * (London) is among the Regions listed as not supporting receiving. Sending works in London.
 */
export const sesReceivingRegions = ["us-east-1", "us-west-2", "eu-west-1"] as const;

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
