/**
 * Reading server-API params: each helper returns the typed value or throws
 * 107 (bad request) naming the param, so backends learn what to fix.
 */
import { ClientError } from '../errors';
import { MAX_JSON_DEPTH } from '../protocol/json-text';

export type Params = Record<string, unknown>;

export function bad(message: string): ClientError {
  return new ClientError(107, `bad request: ${message}`);
}

export function isObject(v: unknown): v is Params {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requiredString(p: Params, name: string): string {
  const v = p[name];
  if (typeof v !== 'string' || v === '') throw bad(`${name} required`);
  return v;
}

export function optionalString(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw bad(`${name} must be a string`);
  return v;
}

export function optionalBool(p: Params, name: string): boolean {
  const v = p[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw bad(`${name} must be a boolean`);
  return v;
}

export function optionalInt(p: Params, name: string, fallback: number): number {
  const v = p[name];
  if (v === undefined || v === null) return fallback;
  // Safe integers only: a larger one has lost its exact value, and Redis would refuse it as a count or stream ID.
  if (!Number.isSafeInteger(v)) throw bad(`${name} must be an integer`);
  return v as number;
}

export function optionalStringList(p: Params, name: string): string[] {
  const v = p[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw bad(`${name} must be a list of strings`);
  return v as string[];
}

export function optionalTags(p: Params): Record<string, string> | undefined {
  const v = p['tags'];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v) || Object.values(v).some((s) => typeof s !== 'string')) throw bad('tags must be an object of strings');
  return v as Record<string, string>;
}

/**
 * A payload param: `name` holds any JSON value (kept as its JSON text),
 * `b64name` base64 bytes. Returns undefined when neither is present.
 */
export function payload(p: Params, name: 'data' | 'info'): Buffer | undefined {
  const b64 = p[`b64${name}`];
  if (b64 !== undefined && b64 !== null && b64 !== '') {
    if (typeof b64 !== 'string') throw bad(`b64${name} must be a base64 string`);
    return Buffer.from(b64, 'base64');
  }
  const v = p[name];
  if (v === undefined) return undefined;
  try {
    return Buffer.from(JSON.stringify(v));
  } catch {
    // JSON.stringify recurses: thousands of levels overflow the stack. Bad input, not a server fault.
    throw bad(`${name} is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`);
  }
}

export function optionalPosition(p: Params, name: string): { offset: number; epoch: string } | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw bad(`${name} must be an object {offset, epoch}`);
  const offset = v['offset'] ?? 0;
  const epoch = v['epoch'] ?? '';
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || typeof epoch !== 'string') throw bad(`${name} must be {offset: integer, epoch: string}`);
  return { offset: offset as number, epoch };
}
