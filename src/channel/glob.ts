/**
 * Glob matching (`*` any run of characters, `?` any one character) for the
 * channels API filter and allowed origins. Both texts come from outside, so
 * the match must not backtrack: a regular expression built from `*****x`
 * took minutes against a 255-character channel. This walks text and pattern
 * once, remembering only the latest `*` to fall back to; each fall-back moves
 * that star's start forward, so the work is at most pattern × text steps,
 * whatever the input, with no recursion and no allocation.
 */

/** Longest pattern the channels API accepts (channel names are at most 255 bytes too). */
export const MAX_GLOB_LENGTH = 255;

const STAR = 42; // '*'
const ANY = 63; // '?'

export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let starText = 0;
  while (t < text.length) {
    const pc = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (pc === STAR) {
      // Runs of stars are one star.
      while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
      starAt = p;
      starText = t;
    } else if (pc !== -1 && (pc === ANY || pc === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (starAt !== -1) {
      // Let the last star take one more character and retry the rest from there.
      p = starAt;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
