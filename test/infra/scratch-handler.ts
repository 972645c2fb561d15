import { readFileSync } from "node:fs";
import { z } from "zod";
export const handler = async () => z.object({ id: z.string() }).parse(JSON.parse(readFileSync(process.env.AUTHORITY_CONFIG_PATH ?? "", "utf8")));
