/**
 * Whether bytes are one JSON text (RFC 8259) in valid UTF-8, nested at most
 * MAX_JSON_DEPTH levels. Payloads travel through Gyre as bytes and the JSON
 * codec embeds them verbatim, so this check is what keeps a publisher from
 * shaping other fields of a frame, and a JSON client from receiving a frame
 * it cannot parse.
 *
 * It scans once, left to right, with an explicit stack of open containers:
 * no recursion (deep nesting cannot overflow the call stack), no regular
 * expressions, nothing allocated per value, so its cost is linear in the
 * input whatever the input is.
 */
import { isUtf8 } from 'node:buffer';

/** Deepest nesting accepted: JSON parsers of other languages recurse (Python's stops near 1000). */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Byte classes, looked up rather than compared: the string and number loops run once per byte. */
const DIGIT = new Uint8Array(256);
const HEX = new Uint8Array(256);
/** Bytes that go into a string as they are: anything but a control character, `"` or `\`. */
const PLAIN = new Uint8Array(256);
/** The characters that may follow a backslash: " \ / b f n r t (u is handled apart). */
const ESCAPE = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  DIGIT[c] = c >= ZERO && c <= NINE ? 1 : 0;
  HEX[c] = DIGIT[c] || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) ? 1 : 0;
  PLAIN[c] = c >= 0x20 && c !== QUOTE && c !== BACKSLASH ? 1 : 0;
}
for (const c of [QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]) ESCAPE[c] = 1;
// An index past the end reads undefined, which no table holds: the loops stop there without a length check.
const isDigit = (c: number | undefined): boolean => DIGIT[c!] === 1;
const isHex = (c: number | undefined): boolean => HEX[c!] === 1;
const LITERALS: Record<number, number[]> = {
  0x74: [0x74, 0x72, 0x75, 0x65], // true
  0x66: [0x66, 0x61, 0x6c, 0x73, 0x65], // false
  0x6e: [0x6e, 0x75, 0x6c, 0x6c], // null
};

function skipWs(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** End of the string starting at the quote at i, or -1. */
function string(b: Uint8Array, i: number): number {
  i++;
  for (;;) {
    while (PLAIN[b[i]!] === 1) i++;
    const c = b[i];
    if (c === QUOTE) return i + 1;
    if (c !== BACKSLASH) return -1; // a control character, or the end
    const e = b[i + 1];
    if (e === 0x75) {
      if (!(isHex(b[i + 2]) && isHex(b[i + 3]) && isHex(b[i + 4]) && isHex(b[i + 5]))) return -1;
      i += 6;
    } else if (ESCAPE[e!] === 1) {
      i += 2;
    } else {
      return -1;
    }
  }
}

/** End of the number starting at i, or -1. */
function number(b: Uint8Array, i: number): number {
  if (b[i] === MINUS) i++;
  if (b[i] === ZERO) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === DOT) {
    i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === PLUS || b[i] === MINUS) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}

function literal(b: Uint8Array, i: number): number {
  const word = LITERALS[b[i]!];
  if (!word) return -1;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return -1;
  return i + word.length;
}

/** An object key and its colon, starting at i: the index of the value that follows, or -1. */
function key(b: Uint8Array, i: number): number {
  if (b[i] !== QUOTE) return -1;
  i = string(b, i);
  if (i < 0) return -1;
  i = skipWs(b, i);
  if (b[i] !== COLON) return -1;
  return skipWs(b, i + 1);
}

export function isJsonText(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): boolean {
  if (bytes.length === 0 || !isUtf8(bytes)) return false;
  const b = bytes;
  const open: number[] = [];
  let i = skipWs(b, 0);
  for (;;) {
    // A value starts at i.
    const c = b[i];
    if (c === LBRACE || c === LBRACKET) {
      if (open.length === maxDepth) return false;
      i = skipWs(b, i + 1);
      if (b[i] === (c === LBRACE ? RBRACE : RBRACKET)) {
        i++;
      } else {
        open.push(c);
        if (c === LBRACE && (i = key(b, i)) < 0) return false;
        continue;
      }
    } else if (c === QUOTE) {
      i = string(b, i);
    } else if (c === MINUS || isDigit(c)) {
      i = number(b, i);
    } else if (c !== undefined) {
      i = literal(b, i);
    } else {
      return false;
    }
    if (i < 0) return false;
    // After a value: close what ends here, then a comma leads to the next value.
    for (;;) {
      i = skipWs(b, i);
      const top = open[open.length - 1];
      if (top === undefined) return i === b.length;
      const d = b[i];
      if (d === COMMA) {
        i = skipWs(b, i + 1);
        if (top === LBRACE && (i = key(b, i)) < 0) return false;
        break;
      }
      if (d !== (top === LBRACE ? RBRACE : RBRACKET)) return false;
      open.pop();
      i++;
    }
  }
}
