/** The BlobStore port on S3 (KMS-encrypted buckets): transcripts and documents by key prefix. */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { BlobStore } from "../../domain/ports/minutes.ts";

export class S3BlobStore implements BlobStore {
  /** `buckets` maps a key's first segment ("transcripts", "documents") to its bucket name. */
  constructor(
    private readonly client: S3Client,
    private readonly buckets: (prefix: string) => string,
  ) {}

  private locate(key: string): { Bucket: string; Key: string } {
    const [prefix = "", ...rest] = key.split("/");
    return { Bucket: this.buckets(prefix), Key: rest.join("/") };
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ ...this.locate(key), Body: bytes, ContentType: contentType }),
    );
  }

  /** Lists the prefix a page (1,000 keys) at a time and deletes each page in one request. */
  async deletePrefix(prefix: string): Promise<number> {
    const { Bucket, Key: Prefix } = this.locate(prefix);
    let count = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket, Prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        await this.client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }));
        count += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return count;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand(this.locate(key)));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
