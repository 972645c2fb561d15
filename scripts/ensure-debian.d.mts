/** Types for ensure-debian.mjs. */
export declare class DebianInstallError extends Error {}
export declare function ensureDebianPrograms(
  programs: string[],
  packages: string[],
  options?: { log?: boolean },
): void;
