/**
 * The catalog as one authority sees it: its configuration file loaded and its overrides applied.
 * Used by the CLI and the composition roots.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type AuthorityConfig, applyAuthority } from "#domain/authority/index.ts";
import { type Catalog, CatalogError, loadCatalog } from "#domain/catalog/index.ts";
import { ConfigError, loadAuthorityFile } from "./load-authority.ts";

/** `authorities/demo.json` in this repository, as an absolute path. */
export const defaultAuthorityPath = fileURLToPath(new URL("../../authorities/demo.json", import.meta.url));

/**
 * Loads an authority file (default: the demo authority) and applies it to the built-in catalog.
 * @throws ConfigError naming the file when it cannot be read, parsed, validated or applied.
 * @example const { authority, catalog } = await loadEffectiveCatalog("authorities/demo.json");
 */
export async function loadEffectiveCatalog(
  path: string = defaultAuthorityPath,
): Promise<{ authority: AuthorityConfig; catalog: Catalog }> {
  const shownAs = path === defaultAuthorityPath ? relative(process.cwd(), path) || path : path;
  const authority = await loadAuthorityFile(path, shownAs);
  try {
    return { authority, catalog: applyAuthority(loadCatalog(), authority) };
  } catch (error) {
    if (error instanceof CatalogError) throw new ConfigError(shownAs, error.message);
    throw error;
  }
}
