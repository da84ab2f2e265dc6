/**
 * Reading values that arrived as parsed JSON (API params, token claims,
 * commands): the object test and the payload convention both share.
 */
import { MAX_JSON_DEPTH } from './json-text';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A payload field that cannot be read; callers turn it into their own error (107, an invalid token). */
export class PayloadError extends Error {}

/**
 * A payload: `name` holds any JSON value (kept as its JSON text), `b64name`
 * base64 bytes, which wins. Undefined when neither is present.
 */
export function readPayload(obj: Record<string, unknown>, name: 'data' | 'info'): Buffer | undefined {
  const b64 = obj[`b64${name}`];
  if (b64 !== undefined && b64 !== null && b64 !== '') {
    if (typeof b64 !== 'string') throw new PayloadError(`b64${name} must be a base64 string`);
    return Buffer.from(b64, 'base64');
  }
  const v = obj[name];
  if (v === undefined) return undefined;
  // Bytes as they are: what an embedding application hands over in process (never met in parsed JSON).
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch (err) {
    // JSON.stringify recurses: thousands of levels overflow the stack. Bad input, not a server fault.
    if (err instanceof RangeError) throw new PayloadError(`${name} is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`);
    // Only values handed over in process get here (a BigInt, a cycle): parsed JSON always serializes.
    throw new PayloadError(`${name} cannot be written as JSON (${(err as Error).message})`);
  }
  if (text === undefined) throw new PayloadError(`${name} cannot be written as JSON (${typeof v})`);
  return Buffer.from(text);
}
