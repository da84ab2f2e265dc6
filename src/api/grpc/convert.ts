/**
 * Between Centrifugo's GRPC messages (proto/api.proto, decoded by
 * @grpc/proto-loader with keepCase and longs as Number) and the params and
 * results of the ApiExecutor, which speaks the HTTP API's JSON shapes.
 *
 * The two agree field for field (same snake_case names, StreamPosition as
 * `{offset, epoch}`, maps as objects) except for payloads: a proto `bytes`
 * field carries the payload's raw bytes (JSON text in a JSON channel), where
 * the JSON API carries a JSON value in `data` or base64 in `b64data`. So the
 * only conversions are per payload field, listed per method below; the rest
 * passes through, and fields Gyre does not use (version, session, override,
 * label_filter…) are ignored by the executor as in the HTTP API.
 *
 * Nothing here walks client input deeper than a fixed number of levels: a
 * request is converted at its top level, a batch one level further down.
 */
import { isObject, type Params } from '../params';

/** Payload fields that arrive as `bytes` in each method's request. */
const BYTES_PARAMS: Readonly<Record<string, readonly ('data' | 'info')[]>> = {
  publish: ['data'],
  broadcast: ['data'],
  subscribe: ['data', 'info'],
  refresh: ['info'],
};

/** An RPC's name in the proto (PresenceStats, HistoryRemove, RPC) as the executor's method name (presence_stats…). */
export function methodName(rpc: string): string {
  return rpc.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * A decoded request as executor params: each `bytes` payload becomes `b64<name>`, which the executor reads as
 * raw bytes (params.ts `payload`). An explicit `b64<name>` wins, as it does in Centrifugo and in the HTTP API.
 */
export function toParams(method: string, request: unknown): Params {
  if (!isObject(request)) return {};
  const fields = BYTES_PARAMS[method];
  if (!fields) return request;
  const out: Params = { ...request };
  for (const name of fields) {
    const bytes = out[name];
    delete out[name];
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) continue;
    const b64 = `b64${name}`;
    if (out[b64] === undefined || out[b64] === '') out[b64] = bytes.toString('base64');
  }
  return out;
}

/**
 * A BatchRequest as the executor's batch params. Command is not a oneof in the proto: each present field is
 * one method, and a command with none or several is left for the executor to refuse in its place (107), as
 * the HTTP API does with such an object.
 */
export function toBatchParams(request: unknown): { commands: unknown[]; parallel: boolean } {
  const req = isObject(request) ? request : {};
  const commands = Array.isArray(req['commands']) ? req['commands'] : [];
  return {
    parallel: req['parallel'] === true,
    commands: commands.map((cmd) => {
      if (!isObject(cmd)) return cmd;
      const out: Params = {};
      for (const [method, params] of Object.entries(cmd)) out[method] = toParams(method, params);
      return out;
    }),
  };
}

/**
 * An executor result in its proto shape. Only history differs: in a binary namespace the executor gives each
 * publication's bytes as base64 `b64data` (for JSON answers); the proto's Publication has `bytes data`.
 */
export function toResult(method: string, result: object): object {
  if (method !== 'history') return result;
  const r = result as { publications?: unknown };
  if (!Array.isArray(r.publications)) return result;
  return {
    ...result,
    publications: r.publications.map((pub: Record<string, unknown>) => {
      const b64 = pub['b64data'];
      if (typeof b64 !== 'string') return pub;
      const out: Record<string, unknown> = { ...pub, data: Buffer.from(b64, 'base64') };
      delete out['b64data'];
      return out;
    }),
  };
}
