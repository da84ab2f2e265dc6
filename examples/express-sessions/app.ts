/**
 * Gyre inside an Express 5 app that logs users in with cookie sessions: the
 * real-time connections are authenticated by the same cookie as the app's
 * pages, so there is no connection token to mint, hand to the browser and
 * refresh. See README.md.
 */
import crypto from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { ErrorCodes, Gyre, GyreError } from 'gyre';

interface Session {
  userId: string;
  name: string;
  /** Gyre's ids of the connections opened with this session, so a logout can end them. */
  clients: Set<string>;
}

/** A cookie's value from a Cookie header; a split rather than a regex, as the header is the client's text. */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** The one rule for rooms, for subscribers and for the publishing route alike. */
function mayJoin(session: Session, channel: string): boolean {
  return channel.startsWith('chat:') && (channel !== 'chat:admins' || session.name === 'admin');
}

export async function start(port: number, host?: string): Promise<{ port: number; close(): Promise<void> }> {
  // In memory: a real app keeps them in its database, shared by its processes (and then
  // runs Gyre on the Redis engine, so that its state is shared too).
  const sessions = new Map<string, Session>();
  const userIds = new Map<string, string>();
  /** Which session opened each live connection: a disconnect event names the connection, not its cookie. */
  const sessionOfClient = new Map<string, Session>();
  // Gyre's events carry the headers of the request that opened the connection: looking the
  // session up on every event, not only at connect, makes a logout count at once.
  const sessionOf = (headers: IncomingHttpHeaders | Record<string, string>): Session | undefined => {
    const sid = cookie(headers.cookie, 'sid');
    return sid === undefined ? undefined : sessions.get(sid);
  };

  const gyre = await Gyre.create({
    config: {
      engine: 'memory',
      log: { level: 'warn' },
      channel: {
        namespaces: [
          {
            name: 'chat',
            // Without these, `chat:` subscriptions and client publishes would need tokens;
            // with them the handlers below decide, by the session.
            proxy_subscribe: true,
            proxy_publish: true,
            // A client back within 5 minutes gets what it missed (seconds, as a number).
            history_size: 100,
            history_ttl: 300,
            force_recovery: true,
            allow_history_for_subscriber: true,
            presence: true,
            allow_presence_for_subscriber: true,
          },
        ],
      },
    },
  });

  gyre.onConnecting((e) => {
    const session = sessionOf(e.headers);
    // An error reply (not a disconnect): centrifuge-js gives up on a non-temporary error
    // and reports it as `disconnected` with code 101, where a page can send the user to log in.
    if (!session) throw new GyreError(ErrorCodes.unauthorized, 'unauthorized');
    return { user: session.userId, info: { name: session.name } };
  });
  // Kept from onConnect, not onConnecting: a connection that goes away before it is up is never
  // told of (and never would be of its end), and onDisconnect is told of each one onConnect was.
  gyre.onConnect((e) => {
    const session = sessionOf(e.headers);
    if (!session) return;
    session.clients.add(e.client);
    sessionOfClient.set(e.client, session);
  });
  gyre.onDisconnect((e) => {
    sessionOfClient.get(e.client)?.clients.delete(e.client);
    sessionOfClient.delete(e.client);
  });
  gyre.onSubscribe((e) => {
    const session = sessionOf(e.headers);
    if (!session) throw new GyreError(ErrorCodes.unauthorized, 'unauthorized');
    if (!mayJoin(session, e.channel)) throw new GyreError(ErrorCodes.permissionDenied, 'permission denied');
  });
  gyre.onPublish((e) => {
    const session = sessionOf(e.headers);
    if (!session || !mayJoin(session, e.channel)) throw new GyreError(ErrorCodes.permissionDenied, 'permission denied');
    const text = typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data) ? e.data['text'] : undefined;
    if (typeof text !== 'string') throw new GyreError(ErrorCodes.badRequest, 'bad request');
    // What subscribers get is what the server says: the sender cannot claim another name.
    return { data: { text, from: { user: session.userId, name: session.name } } };
  });
  gyre.onRpc((e) => {
    const session = sessionOf(e.headers);
    if (!session) throw new GyreError(ErrorCodes.unauthorized, 'unauthorized');
    if (e.method === 'whoami') return { data: { user: e.user, name: session.name } };
    throw new GyreError(ErrorCodes.methodNotFound, 'method not found');
  });

  const app = express();
  app.use(express.json({ limit: '16kb' }));

  // Where the app's own pages would be: Gyre takes only /connection/ and /emulation.
  app.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>Gyre + Express sessions</title><p>POST /login, then connect to /connection/websocket.</p>');
  });
  app.post('/login', (req, res) => {
    // A stand-in for a real login (a password, an identity provider): the name is taken on trust.
    const name: unknown = req.body?.name;
    if (typeof name !== 'string' || !/^[\w-]{1,32}$/.test(name)) return void res.status(400).json({ error: 'name: 1-32 letters, digits, _ or -' });
    let userId = userIds.get(name);
    if (!userId) userIds.set(name, (userId = String(userIds.size + 1)));
    const sid = crypto.randomBytes(24).toString('base64url');
    sessions.set(sid, { userId, name, clients: new Set() });
    // HttpOnly: page scripts cannot read it, and the browser still sends it on the WebSocket
    // upgrade. Add `secure: true` when served over HTTPS.
    res.cookie('sid', sid, { httpOnly: true, sameSite: 'lax', path: '/' }).json({ user: userId, name });
  });
  app.post('/logout', async (req, res) => {
    const sid = cookie(req.headers.cookie, 'sid');
    const session = sid === undefined ? undefined : sessions.get(sid);
    if (sid !== undefined) sessions.delete(sid);
    // Only this session's connections (the user may be logged in elsewhere too), with 4501:
    // terminal for the SDKs, so these tabs stop instead of reconnecting to be refused.
    if (session) {
      const disconnect = { code: 4501, reason: 'logged out' };
      await Promise.all([...session.clients].map((client) => gyre.disconnect(session.userId, { client, disconnect })));
    }
    res.clearCookie('sid', { path: '/' }).json({});
  });
  app.get('/me', (req, res) => {
    const session = sessionOf(req.headers);
    if (!session) return void res.status(401).json({ error: 'log in first' });
    res.json({ user: session.userId, name: session.name });
  });
  app.post('/rooms/:room/messages', async (req, res) => {
    const session = sessionOf(req.headers);
    if (!session) return void res.status(401).json({ error: 'log in first' });
    const channel = `chat:${req.params.room}`;
    if (!mayJoin(session, channel)) return void res.status(403).json({ error: 'not your room' });
    const text: unknown = req.body?.text;
    if (typeof text !== 'string') return void res.status(400).json({ error: 'text: a string' });
    try {
      // The answer ({offset, epoch}) lets the sender tell its own message when it arrives.
      res.json(await gyre.publish(channel, { text, from: { user: session.userId, name: session.name } }));
    } catch (err) {
      // Gyre refuses with the HTTP API's codes (107 for a bad channel name, 106 over a limit).
      if (!(err instanceof GyreError)) throw err;
      res.status(400).json({ error: { code: err.code, message: err.message } });
    }
  });

  // Express's default answers an unparsable body with a stack trace page and logs it; this API speaks JSON.
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = Number.isInteger(err?.status) && err.status < 500 ? (err.status as number) : 500;
    if (status === 500) console.error(err);
    res.status(status).json({ error: status === 500 ? 'internal error' : String(err.message) });
  };
  app.use(onError);

  const server = http.createServer(app);
  // Gyre answers /connection/ and /emulation (and the WebSocket upgrades there); everything else
  // goes to the app, whether it was on the server before attach() or added after.
  gyre.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      // Gyre first: its clients are closed with 3001 (they reconnect to another instance), then the app's server.
      await gyre.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  start(Number(process.env.PORT ?? 3000)).then(
    (running) => {
      console.log(`listening on http://localhost:${running.port}`);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop).once('SIGTERM', stop);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
