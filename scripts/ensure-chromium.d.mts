/** Types for ensure-chromium.mjs (a plain script so it runs without a build step). */
export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
export declare class ChromiumInstallError extends Error {}
export declare function ensureChromium(options?: { log?: boolean }): Promise<string>;
