#!/usr/bin/env node
/**
 * `gyre` command line: serve (default), gentoken, gensubtoken, checktoken,
 * queue-shard, checkconfig, genconfig, defaultconfig, defaultenv, version.
 * Exit codes: 0 success or clean shutdown, 1 invalid configuration, failed
 * start, refused token, or wrong usage.
 */
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { checktoken } from './cli/checktoken';
import { CliError, type Options, str, UsageError, type Values } from './cli/common';
import { defaultconfig, defaultenv, genconfig } from './cli/config-files';
import { closest } from './cli/suggest';
import { ConfigError, loadConfig } from './config/load';
import { type Config, schema } from './config/schema';
import { insecureSettings } from './config/warnings';
import { queueNames, queueShard } from './ingest/ingest';
import { type Logger, createRootLogger } from './log';
import { workerIndex } from './primary/messages';
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
  checktoken TOKEN [--config FILE]          verify a token with the configured keys; print its claims or why it is refused
  queue-shard CHANNEL [--shards N] [--config FILE]
                                            print the Redis list queue a channel's commands go to
  checkconfig [FILE]                        validate a configuration, naming every wrong key
  genconfig                                 print a starter configuration (JSON) with fresh secrets
  defaultconfig                             print every configuration key with its default (JSON)
  defaultenv                                print every GYRE_* variable with its default
  version                                   print the version (also: gyre --version, gyre -v)

Every command takes -h / --help.
`;

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
  run(values: Values, positionals: string[], argv: string[]): void | Promise<void>;
}

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
  const log = createRootLogger(config.log, cluster.isPrimary ? { role: 'primary' } : { role: 'worker', worker: workerIndex() });
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
  checktoken: {
    usage:
      'gyre checktoken TOKEN [--config FILE]\n\nVerifies a connection or subscription token (one with a channel claim) with the configured keys, as the server\n' +
      'would: HMAC, RSA, ECDSA or JWKS, audience, issuer and expiry. Prints its claims as JSON on stdout (a one-line summary\n' +
      'on stderr), or why it is refused (exit 1). A TOKEN of - is read from stdin.\n',
    options: { ...CONFIG },
    positionals: 1,
    run: (values, positional) => checktoken(configFrom(values), positional[0]),
  },
  genconfig: {
    usage: 'gyre genconfig > config.json\n\nPrints a starter configuration as plain JSON, with fresh random secrets. What each key means: README, "Configuration".\n',
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(genconfig()),
  },
  defaultconfig: {
    usage: 'gyre defaultconfig\n\nPrints every configuration key with its default, as a JSON config file.\n',
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(defaultconfig()),
  },
  defaultenv: {
    usage:
      'gyre defaultenv\n\nPrints every configuration key\'s environment variable with its default (GYRE_PORT=8000; lists comma-separated).\n' +
      'Keys without a variable follow as # comments: they are set in the config file. Defaults only, never the values in effect.\n',
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(defaultenv()),
  },
  version: {
    usage: 'gyre version\n\nPrints the version (as gyre --version and gyre -v do).\n',
    options: {},
    positionals: 0,
    run: printVersion,
  },
  help: {
    usage: USAGE,
    options: {},
    positionals: 0,
    run: () => void process.stdout.write(USAGE),
  },
};

function printVersion(): void {
  process.stdout.write(`gyre ${VERSION}\n`);
}

/**
 * Strict parsing: an unknown command, flag or extra word is an error naming
 * it, with the closest known name when one is near (exit 1), and -h/--help
 * answers with the usage without doing anything.
 */
async function main(argv: string[]): Promise<void> {
  const first = argv[0];
  if (first === '-h' || first === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  if (first === '-v' || first === '--version') {
    if (argv.length > 1) throw new UsageError(`unexpected argument "${argv[1]}" after ${first}`);
    printVersion();
    return;
  }
  // Without a command word, flags go to serve: `gyre --port 9000`.
  const explicit = first !== undefined && !first.startsWith('-');
  const name = explicit ? first : 'serve';
  const rest = explicit ? argv.slice(1) : argv;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : undefined;
  if (!command) {
    const near = closest(name, Object.keys(COMMANDS));
    throw new UsageError(`unknown command "${name}" (${near ? `did you mean ${near}?` : 'gyre --help lists the commands'})`);
  }
  const options = { ...HELP, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    // Said in one line, for whoever typed the flag; `gyre --prot 9000` is about serve without naming it.
    throw new UsageError(`${explicit ? `${name}: ` : ''}${flagProblem(rest, options) ?? (err as Error).message.split('\n')[0]}`);
  }
  if (parsed.values['help']) {
    process.stdout.write(command.usage);
    return;
  }
  if (parsed.positionals.length > command.positionals) throw new UsageError(`${name}: unexpected argument "${parsed.positionals[command.positionals]}"`);
  await command.run(parsed.values as Values, parsed.positionals, rest);
}

/**
 * What is wrong with the flags strict parsing refused, found again on a lenient parse of the same words (its
 * tokens say which flag and how, where the strict error only has an English sentence).
 */
function flagProblem(args: string[], options: Options): string | undefined {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec) {
      const near = t.rawName.startsWith('--') ? closest(t.name, Object.keys(options)) : undefined;
      return `unknown flag ${t.rawName}${near ? ` (did you mean --${near}?)` : ''}`;
    }
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      return `flag ${t.rawName} needs a value${t.value === undefined ? '' : ` before ${t.value} (write ${t.rawName}=${t.value} if that is the value)`}`;
    }
    if (spec.type === 'boolean' && t.value !== undefined) return `flag ${t.rawName} takes no value`;
  }
  return undefined;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliError) process.stderr.write(`gyre: ${err.message}\n`);
  else if (err instanceof ConfigError) process.stderr.write(`gyre: invalid configuration:\n${err.message}\n`);
  else process.stderr.write(`gyre: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
