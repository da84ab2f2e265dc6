/**
 * HTTP server API: `POST /api/<method>` with a JSON object body, and the
 * legacy `POST /api` taking newline-delimited `{"method","params"}` commands
 * (what cent.js `pipeline()` sends). Answers follow Centrifugo: 200 with
 * `{"result":…}` or `{"error":{"code","message"}}`; 401 for a missing or wrong
 * key, 400 for a body that is not a JSON object or a request over
 * `api.max_batch_size` commands, 404 for an unknown method, 405 for anything
 * but POST, 413 for a body over `api.max_body_size` — every one with a JSON
 * `{"error":{code, message}}` body.
 *
 * Transport error mode (error-mode.ts), for `/api/<method>` only: a call that
 * fails answers the status error-mode.ts maps its code to, with the error
 * itself as the body — `{"code","message"}`, not wrapped in `error`, as
 * Centrifugo answers it. The refusals above keep their statuses and take the
 * same body shape, so a backend in that mode reads one shape on every failure.
 * Batch replies and broadcast results keep their per-command errors (each
 * command succeeds or fails on its own); a batch refused as a whole answers
 * with a status. The legacy `/api` ignores the header, as Centrifugo's does.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/schema';
import type { Logger } from '../log';
import { serialize } from '../protocol/codec-json';
import { Errors } from '../errors';
import { BodyTooLarge, LineSplitter, readBody, readChunks } from '../http/body';
import { InFlight } from '../http/in-flight';
import { BatchTooLarge, type BatchItem } from './batch';
import { httpStatusFor, httpWantsTransportErrors } from './error-mode';
import { type ApiExecutor, batchReply, errorBody, units } from './methods';
import { isObject } from './params';

type ErrorBody = ReturnType<typeof errorBody>;

/** A request answered with a non-200 status and an error body (its shape depends on the error mode: see errorText). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: ErrorBody,
  ) {
    super(error.message);
  }
}

/** An answer carrying the error in its body: every status Gyre answers with carries one, so SDKs report the cause. */
const failure = (status: number, code: number, message: string) => new HttpError(status, { code, message });
const badRequest = (message: string) => failure(400, 107, `bad request: ${message}`);

export class HttpApi {
  constructor(
    private readonly api: ApiExecutor,
    private readonly config: Config['api'],
    private readonly log: Logger,
    private readonly requests = new InFlight(),
  ) {}

  /** Handles a request whose path starts with /api. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    return this.requests.run(() => this.answer(req, res, path));
  }

  private async answer(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = path === '/api' || path === '/api/' ? null : path.slice('/api/'.length);
    // Read before anything can fail, so even a 401 or 405 answers in the shape the caller asked for. The legacy
    // endpoint ignores it: its answer is one reply per command, like a batch, and Centrifugo's ignores it too.
    const transport = method !== null && httpWantsTransportErrors(req);
    try {
      if (req.method !== 'POST') throw failure(405, 104, 'method not allowed: the server API takes POST');
      if (!this.authorized(req)) throw failure(401, 101, 'unauthorized: missing or wrong API key (X-API-Key or Authorization: apikey KEY)');
      if (method !== null && !this.api.has(method)) throw failure(404, 104, 'method not found');
      if (method === null) return await this.legacy(req, res);
      const body = await this.bodyLimit(readBody(req, this.config.max_body_size));
      if (method === 'batch') await this.batch(body, res, transport);
      else send(res, 200, await this.single(method, body, transport));
    } catch (err) {
      if (err instanceof HttpError) send(res, err.status, errorText(err.error, transport));
      else {
        this.log.error({ err }, 'api request failed');
        send(res, 500, errorText(errorBody(err), transport));
      }
    }
  }

  private async single(method: string, body: Buffer, transport: boolean): Promise<string> {
    const params = parseParams(body);
    try {
      return serialize({ result: await this.api.call(method, params) });
    } catch (err) {
      const error = errorBody(err);
      // The request as a whole is over the limit (a broadcast to too many channels): say so in the status too.
      if (err instanceof BatchTooLarge) throw new HttpError(400, error);
      // Transport error mode: the status tells the caller (and its retries, proxies, logs) that the call failed.
      if (transport) throw new HttpError(httpStatusFor(error.code), error);
      return serialize({ error });
    }
  }

  /**
   * `POST /api/batch`: checked whole before anything runs, then each reply written out as soon as it is ready.
   * Transport error mode changes nothing once it runs: each command's error stays in its reply, and the answer is
   * 200 however many failed. Only a batch refused whole (a malformed `commands`) gets a status then, as it
   * gets 400 in Centrifugo, which refuses such a body before decoding it.
   */
  private async batch(body: Buffer, res: ServerResponse, transport: boolean): Promise<void> {
    const params = parseParams(body);
    let checked;
    try {
      checked = this.api.batchItems(params);
    } catch (err) {
      const error = errorBody(err);
      if (err instanceof BatchTooLarge) throw new HttpError(400, error);
      if (transport) throw new HttpError(httpStatusFor(error.code), error);
      send(res, 200, serialize({ error }));
      return;
    }
    const { items, parallel } = checked;
    const out = new StreamedBody(res);
    await out.write('{"result":{"replies":[');
    await this.api.runItems(items, parallel, (o, i) => out.write((i ? ',' : '') + serialize(batchReply(items[i]!, o))));
    await out.end(']}}');
  }

  /**
   * Legacy endpoint: one command per line in, one reply per line out, in order, written as they are ready.
   * Lines are parsed as they arrive, and the request is refused (400) at the first command past
   * api.max_batch_size, without reading or parsing the rest: a long body costs no more than the cap.
   */
  private async legacy(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const items: (BatchItem & { id?: number })[] = [];
    let count = 0;
    const lines = new LineSplitter((bytes) => {
      const line = bytes.toString('utf8');
      if (line.trim() === '') return;
      let cmd: unknown;
      try {
        cmd = JSON.parse(line);
      } catch {
        throw badRequest('a line is not valid JSON');
      }
      if (!isObject(cmd)) throw badRequest('each line must be a JSON object');
      const id = typeof cmd['id'] === 'number' ? cmd['id'] : undefined;
      const method = this.api.resolveMethod(cmd['method']);
      const item: BatchItem & { id?: number } = !method || method === 'batch' ? { id, method: '', params: null, refused: Errors.methodNotFound } : { id, method, params: cmd['params'] };
      items.push(item);
      count += units([item]);
      try {
        this.api.checkSize(count);
      } catch (err) {
        throw new HttpError(400, errorBody(err));
      }
    });
    await this.bodyLimit(readChunks(req, this.config.max_body_size, (chunk) => lines.push(chunk)));
    lines.end();
    const out = new StreamedBody(res);
    await this.api.runItems(items, false, (o, i) => {
      const id = items[i]!.id === undefined ? {} : { id: items[i]!.id };
      return out.write((i ? '\n' : '') + serialize(o.ok ? { ...id, result: o.result } : { ...id, error: errorBody(o.error) }));
    });
    await out.end('');
  }

  private authorized(req: IncomingMessage): boolean {
    if (this.config.insecure) return true;
    const expected = this.config.key;
    if (!expected) return false;
    let given = req.headers['x-api-key'];
    if (typeof given !== 'string') {
      const auth = req.headers['authorization'];
      const m = typeof auth === 'string' ? /^apikey\s+(.+)$/i.exec(auth.trim()) : null;
      given = m ? m[1] : undefined;
    }
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** A body read under api.max_body_size: past it, 413 (http/body.ts). */
  private async bodyLimit<T>(reading: Promise<T>): Promise<T> {
    try {
      return await reading;
    } catch (err) {
      if (err instanceof BodyTooLarge) throw failure(413, 107, `bad request: body larger than ${err.limit} bytes (api.max_body_size)`);
      throw err;
    }
  }
}

/** A request body as API params: a JSON object (an empty body counts as `{}`); 400 otherwise. */
function parseParams(body: Buffer): Record<string, unknown> {
  let params: unknown = {};
  if (body.length > 0) {
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest('body is not valid JSON');
    }
  }
  if (!isObject(params)) throw badRequest('body must be a JSON object');
  return params;
}

/**
 * An error answer's body: `{"error":{code, message}}` as every Gyre answer carries it, or in transport error mode
 * the error alone, `{"code","message"}` — the body Centrifugo writes in that mode.
 */
function errorText(error: ErrorBody, transport: boolean): string {
  return serialize(transport ? error : { error });
}

/** Bytes gathered before a streamed answer goes to the socket: one write per reply would cost a syscall each. */
const STREAM_CHUNK = 16 * 1024;

/**
 * A 200 answer written piece by piece, waiting whenever the socket's buffer
 * is full, so a long answer holds about one chunk in memory instead of all of
 * it. Once the peer has gone, writes are dropped (the commands still run: they
 * may already have had effects, and the rest of the batch is the caller's).
 */
class StreamedBody {
  private started = false;
  private pending = '';

  constructor(private readonly res: ServerResponse) {}

  async write(chunk: string): Promise<void> {
    this.pending += chunk;
    if (this.pending.length >= STREAM_CHUNK) await this.flush();
  }

  async end(chunk: string): Promise<void> {
    this.pending += chunk;
    if (!this.started) {
      // All of it fits in one chunk: one write with a Content-Length, not a chunked body and its terminator.
      this.started = true;
      send(this.res, 200, this.pending);
      return;
    }
    await this.flush();
    if (!this.res.destroyed) this.res.end();
  }

  private async flush(): Promise<void> {
    const res = this.res;
    if (!this.started) {
      this.started = true;
      res.writeHead(200, { 'content-type': 'application/json' });
    }
    const chunk = this.pending;
    this.pending = '';
    if (res.destroyed || chunk === '' || res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) {
    // A streamed answer that failed part-way: cut it off rather than leave the caller waiting for its end.
    res.destroy();
    return;
  }
  // With a Content-Length the answer is one write; without one, writeHead's headers make Node send it chunked.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
