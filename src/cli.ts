#!/usr/bin/env node
/**
 * `gyre` command line: serve (default), gentoken, gensubtoken, checkconfig,
 * genconfig, version. Exit codes: 0 success or clean shutdown, 1 invalid
 * configuration, failed start, or wrong usage.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ConfigError, loadConfig } from './config/load';
import type { Config } from './config/schema';
import { queueNames, queueShard } from './ingest/ingest';
import { createRootLogger } from './log';
import { runPrimary } from './primary/primary';
import { VERSION } from './version';
import { runWorkerProcess } from './worker';

const USAGE = `Usage: gyre [command] [flags]

Commands:
  serve [--config FILE] [--KEY VALUE ...]   run the server (default); any config key works as a flag, e.g. --port 9000
  gentoken --user ID [--ttl SECONDS] [--info JSON] [--channels a,b] [--config FILE]
                                            print a connection JWT signed with token.hmac_secret
  gensubtoken --user ID --channel CH [--ttl SECONDS] [--config FILE]
                                            print a subscription JWT for a private channel
  queue-shard CHANNEL [--shards N] [--config FILE]
                                            print the Redis list queue a channel's commands go to
  checkconfig [FILE]                        validate a configuration, naming every wrong key
  genconfig                                 print a commented starter configuration
  version                                   print the version
`;

class UsageError extends Error {}

/** Splits `--name value` / `--name=value` flags from positional words. */
function parseFlags(argv: string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq !== -1) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a.slice(2), argv[++i]!);
    else flags.set(a.slice(2), 'true');
  }
  return { flags, positional };
}

function configFrom(flags: Map<string, string>, args: string[] = []): Config {
  return loadConfig({ file: flags.get('config'), args });
}

function ttlFlag(flags: Map<string, string>): number {
  const raw = flags.get('ttl') ?? '3600';
  const ttl = Number(raw);
  if (!Number.isInteger(ttl) || ttl < 0) throw new UsageError('--ttl must be a whole number of seconds (0 = no expiry)');
  return ttl;
}

function sign(config: Config, claims: Record<string, unknown>, ttl: number): string {
  if (!config.token.hmac_secret) throw new ConfigError('token.hmac_secret: not set; tokens cannot be signed (set it in the config file or GYRE_TOKEN_HMAC_SECRET)');
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...claims, iat: now };
  if (ttl > 0) payload['exp'] = now + ttl;
  if (config.token.audience) payload['aud'] = config.token.audience;
  if (config.token.issuer) payload['iss'] = config.token.issuer;
  return jwt.sign(payload, config.token.hmac_secret, { algorithm: 'HS256' });
}

function gentoken(flags: Map<string, string>): void {
  const user = flags.get('user');
  if (user === undefined || user === 'true') throw new UsageError('gentoken needs --user ID');
  const config = configFrom(flags);
  const claims: Record<string, unknown> = { sub: user };
  const info = flags.get('info');
  if (info !== undefined) {
    try {
      claims['info'] = JSON.parse(info);
    } catch {
      throw new UsageError('--info must be JSON');
    }
  }
  const channels = flags.get('channels');
  if (channels) claims['channels'] = channels.split(',').map((c) => c.trim()).filter(Boolean);
  process.stdout.write(sign(config, claims, ttlFlag(flags)) + '\n');
}

function gensubtoken(flags: Map<string, string>): void {
  const user = flags.get('user');
  const channel = flags.get('channel');
  if (user === undefined || !channel || channel === 'true') throw new UsageError('gensubtoken needs --user ID --channel CH');
  const config = configFrom(flags);
  process.stdout.write(sign(config, { sub: user, channel }, ttlFlag(flags)) + '\n');
}

function genconfig(): void {
  const secret = randomBytes(24).toString('base64url');
  const key = randomBytes(24).toString('base64url');
  process.stdout.write(`{
  // Gyre configuration: JSON with comments. Every key is listed in the README
  // ("Configuration"); environment variables (GYRE_...) override this file.
  "port": 8000,
  // "memory" runs in one process; "redis" shares channels between workers and machines.
  "engine": "memory",
  "token": {
    // Connection and subscription JWTs are signed with this HS256 secret (gyre gentoken uses it).
    "hmac_secret": "${secret}"
  },
  "api": {
    // Backends send this as X-API-Key to POST /api/<method>.
    "key": "${key}"
  },
  "client": {
    // Browser pages allowed to connect, e.g. ["https://app.example.com"]; empty = same origin only.
    "allowed_origins": []
  },
  "channel": {
    // Channels without a namespace: authenticated users may subscribe.
    "allow_subscribe_for_client": true,
    "namespaces": [
      {
        // "chat:..." channels keep 100 publications for 5 minutes, so a client that
        // reconnects within that window recovers exactly what it missed.
        "name": "chat",
        "history_size": 100,
        "history_ttl": 300,
        "force_recovery": true,
        "presence": true,
        "join_leave": true,
        "force_push_join_leave": true,
        "allow_subscribe_for_client": true,
        "allow_publish_for_subscriber": true,
        "allow_history_for_subscriber": true,
        "allow_presence_for_subscriber": true
      }
    ]
  }
}
`);
}

/** Which shard queue keeps a channel's commands in order (`api.queue_shards`, or --shards). */
function queueShardCommand(positional: string[], flags: Map<string, string>): void {
  const channel = positional[0];
  if (!channel) throw new UsageError('queue-shard needs a CHANNEL');
  const config = configFrom(flags);
  const shards = flags.has('shards') ? Number(flags.get('shards')) : config.api.queue_shards;
  if (!Number.isInteger(shards) || shards < 0) throw new UsageError('--shards must be a whole number');
  const queues = queueNames(config.redis.prefix, shards);
  process.stdout.write(`${shards === 0 ? queues[0] : queues[1 + queueShard(channel, shards)]}\n`);
}

function checkconfig(positional: string[], flags: Map<string, string>): void {
  const file = positional[0] ?? flags.get('config') ?? process.env['GYRE_CONFIG'];
  loadConfig({ file });
  process.stdout.write(`configuration ${file ?? '(defaults and environment)'} is valid\n`);
}

function serve(argv: string[], flags: Map<string, string>): void {
  const args = argv.filter((a, i) => !(a === '--config' || a.startsWith('--config=') || (i > 0 && argv[i - 1] === '--config')));
  const config = configFrom(flags, args);
  const log = createRootLogger(config.log.level, cluster.isPrimary ? { role: 'primary' } : { role: 'worker', worker: cluster.worker?.id });
  if (cluster.isPrimary) runPrimary(config, log);
  else void runWorkerProcess(config, log);
}

function main(argv: string[]): void {
  const commands = ['serve', 'gentoken', 'gensubtoken', 'queue-shard', 'checkconfig', 'genconfig', 'version', 'help'];
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  const rest = argv[0] === command ? argv.slice(1) : argv;
  if (!commands.includes(command)) throw new UsageError(`unknown command "${command}"`);
  const { flags, positional } = parseFlags(rest);
  switch (command) {
    case 'serve':
      return serve(rest, flags);
    case 'gentoken':
      return gentoken(flags);
    case 'gensubtoken':
      return gensubtoken(flags);
    case 'queue-shard':
      return queueShardCommand(positional, flags);
    case 'checkconfig':
      return checkconfig(positional, flags);
    case 'genconfig':
      return genconfig();
    case 'version':
      process.stdout.write(`gyre ${VERSION}\n`);
      return;
    case 'help':
      process.stdout.write(USAGE);
      return;
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) process.stderr.write(`gyre: ${err.message}\n\n${USAGE}`);
  else if (err instanceof ConfigError) process.stderr.write(`gyre: invalid configuration:\n${err.message}\n`);
  else process.stderr.write(`gyre: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}
