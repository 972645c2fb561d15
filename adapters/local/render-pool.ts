/**
 * The render pool: the Renderer (adapters/documents/renderer.ts) on worker threads, so that on the
 * embedded runtime MIME composition and Word/PDF rendering run beside the main thread (the
 * lifecycles, dynalite) on the other cores, several at once. Each worker runs the same in-thread
 * functions (render-tasks.ts), so the bytes mean the same; a worker's error reaches the caller with
 * its message (and its class, for the built-in error classes).
 *
 * Opt-in: the runtime renders in-thread unless it is given a pool (RuntimeOptions.renderer), and
 * closes the pool with itself. Never used in a Lambda, which runs one invocation at a time.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { Renderer } from "#adapters/documents/renderer.ts";
import type { AgendaDocument, SectionedDocument } from "#adapters/mail/agenda-docx.ts";
import type { RawMimeOptions } from "#adapters/mail/mime.ts";
import type { RenderedMinutes } from "#domain/minutes/index.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import type { RenderTask } from "./render-tasks.ts";

/** One thread per core the main thread leaves free: available parallelism − 1, at least 1. */
export function defaultRenderThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The pool the commands and the benchmark run on: CONVENE_RENDER_THREADS workers
 * (defaultRenderThreads() when unset), or none (in-thread rendering) when it is 0.
 * @throws RangeError when CONVENE_RENDER_THREADS is not a whole number.
 */
export async function renderPoolFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderPool | undefined> {
  const setting = env.CONVENE_RENDER_THREADS?.trim();
  if (setting === undefined || setting === "") return RenderPool.start();
  const threads = Number(setting);
  if (!Number.isInteger(threads) || threads < 0)
    throw new RangeError(`CONVENE_RENDER_THREADS: expected a whole number of threads, got ${setting}`);
  return threads === 0 ? undefined : RenderPool.start({ threads });
}

/** A worker's answer as a Buffer over the transferred bytes (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class RenderPool implements Renderer {
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly pool: Piscina<RenderTask, unknown>,
    /** How many worker threads it runs. */
    readonly threads: number,
  ) {}

  /**
   * Starts `threads` workers (defaultRenderThreads() when absent) and waits until each has loaded
   * the renderers and run them on a small sample `warmRounds` times (default 10), so the first
   * emails neither wait for a thread to start nor run on code not yet compiled.
   * @example const renderer = await RenderPool.start(); // … await renderer.close();
   */
  static async start(options: { threads?: number; warmRounds?: number } = {}): Promise<RenderPool> {
    const threads = Math.max(1, Math.floor(options.threads ?? defaultRenderThreads()));
    const pool = new Piscina<RenderTask, unknown>({
      filename: fileURLToPath(new URL("./render-worker.mjs", import.meta.url)),
      minThreads: threads,
      maxThreads: threads,
      // Threads stay up until close(); idle ones do not keep the process alive.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    const renderPool = new RenderPool(pool, threads);
    try {
      const rounds = options.warmRounds ?? 10;
      await Promise.all(Array.from({ length: threads }, () => pool.run({ kind: "warm", rounds })));
    } catch (error) {
      await renderPool.close();
      throw error;
    }
    return renderPool;
  }

  private async bytes(task: RenderTask): Promise<Buffer> {
    if (this.closed) throw new Error("render pool closed");
    return asBuffer((await this.pool.run(task)) as Uint8Array);
  }

  rawMime(email: OutgoingEmail, options: RawMimeOptions = {}): Promise<Buffer> {
    return this.bytes({ kind: "rawMime", email, options });
  }

  sectionedDocx(doc: SectionedDocument): Promise<Buffer> {
    return this.bytes({ kind: "sectionedDocx", doc });
  }

  agendaDocx(agenda: AgendaDocument): Promise<Buffer> {
    return this.bytes({ kind: "agendaDocx", agenda });
  }

  minutesPdf(rendered: RenderedMinutes): Promise<Buffer> {
    return this.bytes({ kind: "minutesPdf", rendered });
  }

  /** Terminates every worker thread (tasks still queued are rejected). Safe to call twice. */
  close(): Promise<void> {
    this.closed ??= this.pool.destroy();
    return this.closed;
  }

  /** Worker threads running now (0 once closed). */
  get liveThreads(): number {
    return this.pool.threads.length;
  }
}
