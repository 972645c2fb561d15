/** Types for ensure-libreoffice.mjs (a plain script so it runs without a build step). */
export declare const libreOfficePrograms: { soffice: string; pdftotext: string };
export declare function ensureLibreOffice(options?: { log?: boolean }): {
  soffice: string;
  pdftotext: string;
};
