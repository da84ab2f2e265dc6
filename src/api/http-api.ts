/**
 * HTTP server API: `POST /api/<method>` with a JSON object body, and the
 * legacy `POST /api` taking newline-delimited `{"method","params"}` commands
 * (what cent.js `pipeline()` sends). Answers follow Centrifugo: 200 with
 * `{"result":…}` or `{"error":{"code","message"}}`; 401 for a missing or wrong
 * key, 400 for a body that is not a JSON object, 404 for an unknown method,
 * 405 for anything but POST, 413 for a body over `api.max_body_size`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/schema';
import type { Logger } from '../log';
import { serialize } from '../protocol/codec-json';
import { type ApiExecutor, errorBody } from './methods';
import { isObject } from './params';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
  }
}

const badRequest = (message: string) => new HttpError(400, serialize({ error: { code: 107, message: `bad request: ${message}` } }));

export class HttpApi {
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly api: ApiExecutor,
    private readonly config: Config['api'],
    private readonly log: Logger,
  ) {}

  /** Handles a request whose path starts with /api. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    this.inFlight++;
    try {
      if (req.method !== 'POST') throw new HttpError(405, '');
      if (!this.authorized(req)) throw new HttpError(401, '');
      const method = path === '/api' || path === '/api/' ? null : path.slice('/api/'.length);
      if (method !== null && !this.api.has(method)) {
        throw new HttpError(404, serialize({ error: { code: 104, message: 'method not found' } }));
      }
      const body = await this.readBody(req);
      const out = method === null ? await this.legacy(body) : await this.single(method, body);
      send(res, 200, out);
    } catch (err) {
      if (err instanceof HttpError) send(res, err.status, err.body);
      else {
        this.log.error({ err }, 'api request failed');
        send(res, 500, serialize({ error: errorBody(err) }));
      }
    } finally {
      if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Resolves once no API request is in flight (used by graceful shutdown). */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async single(method: string, body: Buffer): Promise<string> {
    let params: unknown = {};
    if (body.length > 0) {
      try {
        params = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('body is not valid JSON');
      }
    }
    if (!isObject(params)) throw badRequest('body must be a JSON object');
    try {
      return serialize({ result: await this.api.call(method, params) });
    } catch (err) {
      return serialize({ error: errorBody(err) });
    }
  }

  /** Legacy endpoint: one command per line in, one reply per line out, in order. */
  private async legacy(body: Buffer): Promise<string> {
    const commands: Record<string, unknown>[] = [];
    for (const line of body.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      let cmd: unknown;
      try {
        cmd = JSON.parse(line);
      } catch {
        throw badRequest('a line is not valid JSON');
      }
      if (!isObject(cmd)) throw badRequest('each line must be a JSON object');
      commands.push(cmd);
    }
    const lines: string[] = [];
    for (const cmd of commands) {
      const id = typeof cmd['id'] === 'number' ? { id: cmd['id'] } : {};
      const method = this.api.resolveMethod(cmd['method']);
      if (!method || method === 'batch') {
        lines.push(serialize({ ...id, error: { code: 104, message: 'method not found' } }));
        continue;
      }
      try {
        lines.push(serialize({ ...id, result: await this.api.call(method, cmd['params']) }));
      } catch (err) {
        lines.push(serialize({ ...id, error: errorBody(err) }));
      }
    }
    return lines.join('\n');
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

  private readBody(req: IncomingMessage): Promise<Buffer> {
    const limit = this.config.max_body_size;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          reject(new HttpError(413, serialize({ error: { code: 107, message: 'bad request: body too large' } })));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks, size)));
      req.on('error', reject);
    });
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body);
}
