import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const fixtures = fileURLToPath(new URL("../../fixtures/transcripts/", import.meta.url));
export const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));

export async function fixtureText(name: string): Promise<string> {
  return readFile(`${fixtures}${name}`, "utf8");
}

export async function fixtureBytes(name: string): Promise<Uint8Array> {
  return readFile(`${fixtures}${name}`);
}
