/**
 * Timestamps as meeting tools write them: WebVTT's `hh:mm:ss.ttt` and `mm:ss.ttt`, Microsoft
 * Teams' unpadded `0:0:2.90`, and the `m:ss` / `h:mm:ss` marks of Teams' DOCX transcripts.
 */

/** `h:m:s.f` or `m:s.f` with any digit counts (Teams' unpadded form included). */
const fractionalClock = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})$/;
/** `m:ss` or `h:mm:ss` with no fraction (Teams DOCX speaker lines). */
const wholeClock = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/;

/**
 * Seconds from a clock mark, or undefined when `value` is not one.
 *
 * Teams' legacy transcripts write the milliseconds as an unpadded integer: `0:0:6.90` is 6.090 s,
 * not 6.9 s (a cue `0:0:6.90 --> 0:0:6.500` only makes sense that way). With `unpaddedMillis`
 * a fraction shorter than three digits is read as milliseconds; otherwise as a decimal fraction.
 */
export function clockToSeconds(
  value: string,
  options: { unpaddedMillis?: boolean } = {},
): number | undefined {
  const text = value.trim();
  const f = fractionalClock.exec(text);
  if (f) {
    const [, h, m, s, frac = "0"] = f;
    const minutes = Number(m);
    const seconds = Number(s);
    if (minutes > 59 || seconds > 59) return undefined;
    const fraction = options.unpaddedMillis ? Number(frac) / 1000 : Number(`0.${frac}`);
    return Number(h ?? 0) * 3600 + minutes * 60 + seconds + fraction;
  }
  const w = wholeClock.exec(text);
  if (w) {
    const [, h, m, s] = w;
    const minutes = Number(m);
    const seconds = Number(s);
    if (seconds > 59 || (h !== undefined && minutes > 59)) return undefined;
    return Number(h ?? 0) * 3600 + minutes * 60 + seconds;
  }
  return undefined;
}

/** Formats seconds as WebVTT's `hh:mm:ss.ttt`. */
export function secondsToClock(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const t = ms % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(t, 3)}`;
}

/** Formats seconds as a short mark for people: `m:ss` or `h:mm:ss`. */
export function secondsToMark(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}:${pad(m, 2)}:${pad(s, 2)}` : `${m}:${pad(s, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
