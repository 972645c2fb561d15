/**
 * `convene simulate` in the bench (issue 13): a caseload of N children for M months, run as the CLI
 * runs it, in its own process, so its wall time and peak memory are its own. The figures are the
 * ones the command prints about itself.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SimulateBenchResult {
  children: number;
  months: number;
  wallSeconds: number;
  peakRssMb: number;
  meetings: number;
  emails: number;
  cost: string;
}

export async function runSimulateBench(children: number, months: number): Promise<SimulateBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), "convene-bench-simulate-"));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "bin/convene.js",
          "simulate",
          "--children",
          String(children),
          "--months",
          String(months),
          "--dir",
          join(dir, "data"),
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(text) : reject(new Error(`simulate exited ${code}\n${text}`)),
      );
    });
    const number = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
    return {
      children,
      months,
      wallSeconds: number(/run: +([\d.]+) s wall/),
      peakRssMb: number(/, (\d+) MB peak RSS/),
      meetings: number(/meetings: +(\d+) convened/),
      emails: number(/emails: +(\d+) /),
      cost: /cost: +(.*)/.exec(out)?.[1] ?? "",
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
