/** The BlobStore port on S3 (KMS-encrypted buckets): transcripts and documents by key prefix. */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
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
