/**
 * JSON codec: newline-delimited objects, snake_case names, zero values left
 * out, and every `bytes` field (a Buffer inside Gyre) embedded as raw JSON
 * text, the way Centrifugo's encoder writes it. Reply objects are serialized by
 * hand rather than with JSON.stringify so that raw payloads go in verbatim,
 * without a parse/stringify round trip per subscriber.
 *
 * Whatever the bytes, the output is one valid JSON text: every string, object
 * keys included, is escaped, and a bytes field that is not a JSON text (see
 * json-text.ts) is written as a JSON string holding its base64, so no
 * publisher can shape another field of a frame. Publication data in `json`
 * namespaces is refused at publish when it is not JSON, so that fallback is
 * only ever met by bytes from elsewhere (a `b64info`, history written by an
 * older version).
 */
import type { Codec } from './codec';
import { DecodeError } from './codec';
import { isJsonText } from './json-text';
import { isObject } from './json-values';
import type { Command, Reply } from './types';

const NEWLINE = 0x0a;
/** Where an object shared by many replies keeps its JSON text once serialized (see shareJsonText). */
const JSON_TEXT = Symbol('jsonText');
type Shared = { [JSON_TEXT]?: string | null };
const SPACE = 0x20;

/** Request objects whose `data` field is a bytes field in the schema. */
const DATA_FIELDS = ['connect', 'subscribe', 'publish', 'rpc', 'send'] as const;

type FieldType = 'string' | 'int' | 'boolean' | 'object';

/**
 * Scalar field types of each request, from proto/client.proto. A JSON
 * command with a field of the wrong type is as malformed as an undecodable
 * protobuf one; checking here keeps handlers free of type guards.
 */
const FIELD_TYPE_TABLE: Record<string, Record<string, FieldType>> = {
  connect: { token: 'string', name: 'string', version: 'string', subs: 'object', headers: 'object', flag: 'int' },
  subscribe: {
    channel: 'string', token: 'string', recover: 'boolean', epoch: 'string', offset: 'int', positioned: 'boolean',
    recoverable: 'boolean', join_leave: 'boolean', delta: 'string', flag: 'int', tf: 'object', type: 'int',
  },
  unsubscribe: { channel: 'string' },
  publish: { channel: 'string' },
  presence: { channel: 'string' },
  presence_stats: { channel: 'string' },
  history: { channel: 'string', limit: 'int', since: 'object', reverse: 'boolean' },
  rpc: { method: 'string' },
  refresh: { token: 'string' },
  sub_refresh: { channel: 'string', token: 'string' },
};
type FieldTypes = [field: string, type: FieldType][];
/** The table as entry lists, built once: the check runs for every command. */
const FIELD_TYPES = new Map<string, FieldTypes>(Object.entries(FIELD_TYPE_TABLE).map(([k, v]) => [k, Object.entries(v)]));
const POSITION_TYPES: FieldTypes = [
  ['recover', 'boolean'],
  ['offset', 'int'],
  ['epoch', 'string'],
];

function checkFields(where: string, obj: Record<string, unknown>, types: FieldTypes): void {
  for (const [field, type] of types) {
    const v = obj[field];
    if (v === undefined || v === null) continue;
    const ok =
      type === 'int' ? Number.isSafeInteger(v) : type === 'object' ? isObject(v) : typeof v === type;
    if (!ok) throw new DecodeError(`${where}.${field} must be ${type === 'int' ? 'an integer' : `a ${type}`}`);
  }
}

export class JsonCodec implements Codec {
  readonly name = 'json' as const;
  readonly ping = Buffer.from('{}');
  readonly pong = Buffer.from('{}');

  decodeCommands(frame: Buffer): Command[] {
    const text = frame.toString('utf8');
    const out: Command[] = [];
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const line = text.slice(start, end).trim();
      start = end + 1;
      if (line.length === 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new DecodeError('malformed JSON command');
      }
      out.push(toCommand(value));
    }
    if (out.length === 0) throw new DecodeError('empty frame');
    return out;
  }

  encodeReply(reply: Reply): Buffer {
    return Buffer.from(serialize(reply), 'utf8');
  }

  joinFrame(parts: Buffer[], totalBytes: number): Buffer {
    if (parts.length === 1) return parts[0]!;
    const out = Buffer.allocUnsafe(totalBytes + parts.length - 1);
    let pos = 0;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) out[pos++] = NEWLINE;
      pos += parts[i]!.copy(out, pos);
    }
    return out;
  }
}

/** Validates the envelope and turns embedded JSON payloads into Buffers. */
function toCommand(value: unknown): Command {
  if (!isObject(value)) throw new DecodeError('command is not an object');
  const id = value['id'];
  if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff)) {
    throw new DecodeError('bad command id');
  }
  for (const key of Object.keys(value)) {
    if (key === 'id') continue;
    const req = value[key];
    if (!isObject(req)) throw new DecodeError(`${key} is not an object`);
    const types = FIELD_TYPES.get(key);
    if (types) checkFields(key, req, types);
  }
  const since = (value['history'] as Record<string, unknown> | undefined)?.['since'];
  if (isObject(since)) checkFields('history.since', since, POSITION_TYPES);
  for (const field of DATA_FIELDS) {
    const req = value[field] as Record<string, unknown> | undefined;
    if (req && req['data'] !== undefined) req['data'] = rawJson(req['data']);
  }
  const subs = (value['connect'] as Record<string, unknown> | undefined)?.['subs'];
  if (isObject(subs)) {
    for (const [channel, pos] of Object.entries(subs)) {
      if (!isObject(pos)) throw new DecodeError('connect.subs entries must be objects');
      checkFields(`connect.subs[${channel}]`, pos, POSITION_TYPES);
    }
  }
  return value as Command;
}

function rawJson(v: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(v), 'utf8');
  } catch {
    // JSON.stringify recurses, and thousands of levels overflow the stack: the frame is refused (3501).
    throw new DecodeError('data nested too deeply');
  }
}

/**
 * Marks an object that many replies embed unchanged (a recovered publication
 * sent to every subscriber of a channel after a storm): its JSON text is
 * made once and reused. The object must not change afterwards.
 */
export function shareJsonText<T extends object>(o: T): T {
  // Not enumerable: a copy made with spread (`{ ...o, data: … }`) must not carry the text of the original.
  Object.defineProperty(o, JSON_TEXT, { value: null, writable: true, enumerable: false });
  return o;
}

/** Serializes a reply; undefined and null fields are left out, Buffers are embedded raw. */
export function serialize(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : '0';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value instanceof Uint8Array) return rawText(value);
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + serialize(value[i]);
    return s + ']';
  }
  const shared = (value as Shared)[JSON_TEXT];
  if (shared != null) return shared;
  let s = '{';
  let first = true;
  for (const key in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    if (v instanceof Uint8Array && v.length === 0) continue;
    s += (first ? '' : ',') + JSON.stringify(key) + ':' + serialize(v);
    first = false;
  }
  s += '}';
  if (shared === null) (value as Shared)[JSON_TEXT] = s;
  return s;
}

/**
 * Raw payload bytes as JSON text. A newline would split the frame, and JSON
 * allows none inside strings, so in a JSON text any newline is insignificant
 * whitespace. Bytes that are not a JSON text become a base64 JSON string.
 */
function rawText(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!isJsonText(buf)) return '"' + buf.toString('base64') + '"';
  if (buf.indexOf(NEWLINE) === -1) return buf.toString('utf8');
  const copy = Buffer.from(buf);
  for (let i = 0; i < copy.length; i++) if (copy[i] === NEWLINE) copy[i] = SPACE;
  return copy.toString('utf8');
}
