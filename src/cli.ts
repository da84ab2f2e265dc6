#!/usr/bin/env node
/**
 * `gyre` command line: serve (default), gentoken, gensubtoken, checkconfig,
 * genconfig, version. Exit codes: 0 success or clean shutdown, 1 invalid
 * configuration, failed start, or wrong usage.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { ConfigError, loadConfig } from './config/load';
import { type Config, schema } from './config/schema';
import { insecureSettings } from './config/warnings';
import { queueNames, queueShard } from './ingest/ingest';
import { type Logger, createRootLogger } from './log';
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

Every command takes -h / --help.
`;

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

const HELP: Options = { help: { type: 'boolean', short: 'h' } };
const CONFIG: Options = { config: { type: 'string' } };

/** Every configuration key with a command-line flag, as `serve` takes it (`--client.ping_interval 10`). */
function configFlags(): Options {
  const out: Options = {};
  const walk = (node: Record<string, unknown>) => {
    for (const v of Object.values(node)) {
      if (typeof v !== 'object' || v === null) continue;
      const arg = (v as { arg?: unknown }).arg;
      if (typeof arg === 'string') out[arg] = { type: 'string' };
      else if (!('doc' in v)) walk(v as Record<string, unknown>);
    }
  };
  walk(schema as unknown as Record<string, unknown>);
  return out;
}

interface Command {
  usage: string;
  options: Options;
  /** How many positional words it takes. */
  positionals: number;
  run(values: Values, positionals: string[], argv: string[]): void;
}

const str = (values: Values, name: string): string | undefined => values[name] as string | undefined;
function configFrom(values: Values, args: string[] = []): Config {
  return loadConfig({ file: str(values, 'config'), args });
}

function ttlFlag(values: Values): number {
  const raw = str(values, 'ttl') ?? '3600';
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

function gentoken(values: Values): void {
  const user = str(values, 'user');
  if (user === undefined) throw new UsageError('gentoken needs --user ID');
  const config = configFrom(values);
  const claims: Record<string, unknown> = { sub: user };
  const info = str(values, 'info');
  if (info !== undefined) {
    try {
      claims['info'] = JSON.parse(info);
    } catch {
      throw new UsageError('--info must be JSON');
    }
  }
  const channels = str(values, 'channels');
  if (channels) claims['channels'] = channels.split(',').map((c) => c.trim()).filter(Boolean);
  process.stdout.write(sign(config, claims, ttlFlag(values)) + '\n');
}

function gensubtoken(values: Values): void {
  const user = str(values, 'user');
  const channel = str(values, 'channel');
  if (user === undefined || !channel) throw new UsageError('gensubtoken needs --user ID --channel CH');
  const config = configFrom(values);
  process.stdout.write(sign(config, { sub: user, channel }, ttlFlag(values)) + '\n');
}

function genconfig(): void {
  const secret = randomBytes(24).toString('base64url');
  const key = randomBytes(24).toString('base64url');
  const adminPassword = randomBytes(12).toString('base64url');
  const adminSecret = randomBytes(24).toString('base64url');
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
  "admin": {
    // true serves the admin web UI at / (log in with this password); tokens are signed with the secret.
    "enabled": false,
    "password": "${adminPassword}",
    "secret": "${adminSecret}"
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
function queueShardCommand(values: Values, positional: string[]): void {
  const channel = positional[0];
  if (!channel) throw new UsageError('queue-shard needs a CHANNEL');
  const config = configFrom(values);
  const raw = str(values, 'shards');
  const shards = raw !== undefined ? Number(raw) : config.api.queue_shards;
  if (!Number.isInteger(shards) || shards < 0) throw new UsageError('--shards must be a whole number');
  const queues = queueNames(config.redis.prefix, shards);
  process.stdout.write(`${shards === 0 ? queues[0] : queues[1 + queueShard(channel, shards)]}\n`);
}

function checkconfig(values: Values, positional: string[]): void {
  const file = positional[0] ?? str(values, 'config') ?? process.env['GYRE_CONFIG'];
  loadConfig({ file });
  process.stdout.write(`configuration ${file ?? '(defaults and environment)'} is valid\n`);
}

function serve(values: Values, argv: string[]): void {
  // Convict reads the key flags itself; --config is ours.
  const args = argv.filter((a, i) => !(a === '--config' || a.startsWith('--config=') || (i > 0 && argv[i - 1] === '--config')));
  const config = configFrom(values, args);
  const log = createRootLogger(config.log.level, cluster.isPrimary ? { role: 'primary' } : { role: 'worker', worker: cluster.worker?.id });
  if (cluster.isPrimary) {
    warnInsecure(config, log);
    runPrimary(config, log);
  } else {
    void runWorkerProcess(config, log);
  }
}

function warnInsecure(config: Config, log: Logger): void {
  for (const warning of insecureSettings(config)) log.warn(warning);
}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'gyre serve [--config FILE] [--KEY VALUE ...]\n\nRuns the server. Every configuration key is also a flag: --port 9000, --client.insecure true.\n',
    options: { ...CONFIG, ...configFlags() },
    positionals: 0,
    run: (values, _positional, argv) => serve(values, argv),
  },
  gentoken: {
    usage: 'gyre gentoken --user ID [--ttl SECONDS] [--info JSON] [--channels a,b] [--config FILE]\n\nPrints a connection JWT signed with token.hmac_secret (--ttl 0: no expiry; default 3600).\n',
    options: { ...CONFIG, user: { type: 'string' }, ttl: { type: 'string' }, info: { type: 'string' }, channels: { type: 'string' } },
    positionals: 0,
    run: (values) => gentoken(values),
  },
  gensubtoken: {
    usage: 'gyre gensubtoken --user ID --channel CH [--ttl SECONDS] [--config FILE]\n\nPrints a subscription JWT for a private channel.\n',
    options: { ...CONFIG, user: { type: 'string' }, channel: { type: 'string' }, ttl: { type: 'string' } },
    positionals: 0,
    run: (values) => gensubtoken(values),
  },
  'queue-shard': {
    usage: 'gyre queue-shard CHANNEL [--shards N] [--config FILE]\n\nPrints the Redis list queue that keeps CHANNEL\'s commands in order.\nQueues live on the first Redis of redis.url (with several URLs, push there).\n',
    options: { ...CONFIG, shards: { type: 'string' } },
    positionals: 1,
    run: (values, positional) => queueShardCommand(values, positional),
  },
  checkconfig: {
    usage: 'gyre checkconfig [FILE]\n\nValidates a configuration (FILE, --config, or GYRE_CONFIG and the environment), naming every wrong key.\n',
    options: { ...CONFIG },
    positionals: 1,
    run: (values, positional) => checkconfig(values, positional),
  },
  genconfig: {
    usage: 'gyre genconfig\n\nPrints a commented starter configuration with fresh secrets.\n',
    options: {},
    positionals: 0,
    run: () => genconfig(),
  },
  version: {
    usage: 'gyre version\n\nPrints the version.\n',
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(`gyre ${VERSION}\n`),
  },
  help: {
    usage: USAGE,
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(USAGE),
  },
};

/**
 * Strict parsing: an unknown command, flag or extra word is an error naming
 * it (exit 1), and -h/--help answers with the usage without doing anything.
 */
function main(argv: string[]): void {
  const first = argv[0];
  if (first === '-h' || first === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  // Without a command word, flags go to serve: `gyre --port 9000`.
  const name = first !== undefined && !first.startsWith('-') ? first : 'serve';
  const rest = name === first ? argv.slice(1) : argv;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...HELP, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
  if (parsed.values['help']) {
    process.stdout.write(command.usage);
    return;
  }
  if (parsed.positionals.length > command.positionals) throw new UsageError(`${name}: unexpected argument "${parsed.positionals[command.positionals]}"`);
  command.run(parsed.values as Values, parsed.positionals, rest);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) process.stderr.write(`gyre: ${err.message}\n\n${USAGE}`);
  else if (err instanceof ConfigError) process.stderr.write(`gyre: invalid configuration:\n${err.message}\n`);
  else process.stderr.write(`gyre: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}
