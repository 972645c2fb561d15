// Types for webvtt-parser 2.2 (the W3C's reference WebVTT parser), which ships none.
declare module "webvtt-parser" {
  export interface WebVTTNode {
    type: "text" | "object" | "timestamp";
    name?: string;
    value?: string | number;
    classes?: string[];
    children?: WebVTTNode[];
  }
  export interface WebVTTCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVTTNode[] } | null;
  }
  export interface WebVTTError {
    message: string;
    line: number;
    col?: number;
  }
  export interface WebVTTTree {
    cues: WebVTTCue[];
    errors: WebVTTError[];
    time: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: "metadata" | "chapters" | "subtitles"): WebVTTTree;
  }
  const api: { WebVTTParser: typeof WebVTTParser };
  export default api;
}
