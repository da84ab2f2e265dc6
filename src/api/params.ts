/**
 * Reading server-API params: each helper returns the typed value or throws
 * 107 (bad request) naming the param, so backends learn what to fix.
 */
import { ClientError } from '../errors';
import { isObject, readPayload } from '../protocol/json-values';

export type Params = Record<string, unknown>;

export function bad(message: string): ClientError {
  return new ClientError(107, `bad request: ${message}`);
}

export { isObject };

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
  try {
    return readPayload(p, name);
  } catch (err) {
    throw bad((err as Error).message);
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
