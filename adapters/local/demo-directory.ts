/** The demo authority's staff directory (authorities/demo.directory.csv), read and checked. */
import { readFileSync } from "node:fs";
import { parseDirectory } from "../../domain/directory/parse-directory.ts";
import type { StaffPerson } from "../../domain/directory/person.ts";

export const demoDirectoryPath = new URL("../../authorities/demo.directory.csv", import.meta.url);

export function loadDemoDirectory(): StaffPerson[] {
  return parseDirectory(readFileSync(demoDirectoryPath, "utf8"), "csv");
}
