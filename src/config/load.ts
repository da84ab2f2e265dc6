/**
 * Resolves the configuration: schema defaults, then the JSON file (`//` and
 * block comments allowed, for hand-written files; what gyre genconfig and
 * defaultconfig print is plain JSON), then environment, then flags. Every
 * problem is reported with the key it concerns.
 */
import fs from 'node:fs';
import convict from 'convict';
import { checkChannelOptions, type NamespaceConfig, withDefaults } from './channel-options';
import { type Config, schema } from './schema';

export class ConfigError extends Error {}

export interface LoadOptions {
  /** Path of the JSON config file; falls back to GYRE_CONFIG. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Command-line flags (`--port 9000`, `--client.insecure true`). */
  args?: string[];
  /** Configuration given in code (an embedding application's `config`), loaded as the file is, after it; it wins over `env` too. */
  values?: Record<string, unknown>;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  // The schema is built from tables, which convict's typings cannot follow; Config types the result.
  // Convict applies the environment again after every load, so a variable would override a value given in code
  // (as it rightly overrides the file's): the variables of the keys `values` sets are left out.
  const conf = convict(schema as convict.Schema<Record<string, unknown>>, { env: opts.values ? envWithout(opts.values, env) : env, args: opts.args ?? [] });
  const file = opts.file ?? env['GYRE_CONFIG'];
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`config file ${file}: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(stripJsonComments(text));
    } catch (err) {
      throw new ConfigError(`config file ${file}: not valid JSON (${(err as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${file}: must hold a JSON object`);
    }
    loadValues(conf, parsed as Record<string, unknown>, `config file ${file}: `);
  }
  if (opts.values !== undefined) {
    if (typeof opts.values !== 'object' || opts.values === null || Array.isArray(opts.values)) throw new ConfigError('config: must be an object');
    loadValues(conf, opts.values, 'config: ');
  }
  try {
    conf.validate({ allowed: 'strict' });
  } catch (err) {
    throw new ConfigError(rewordConvict((err as Error).message));
  }
  const config = conf.getProperties() as unknown as Config;
  config.channel.namespaces = (config.channel.namespaces as unknown as Record<string, unknown>[]).map(withDefaults) as NamespaceConfig[];
  const errors = checkChannelOptions('channel', config.channel);
  // Entries refreshed less often than they expire would blink out of presence while their clients are connected.
  const { presence_update_interval: every } = config.client;
  if (every <= 0) errors.push('client.presence_update_interval: must be more than 0');
  else if (config.engine === 'redis' && every >= config.redis.presence_ttl) {
    errors.push(`client.presence_update_interval (${every}) must be less than redis.presence_ttl (${config.redis.presence_ttl})`);
  }
  // Redis reads WAIT n 0 as "wait forever": a publish would hang while a replica is down.
  if (config.redis.wait_replicas > 0 && config.redis.wait_timeout <= 0) errors.push('redis.wait_timeout: must be more than 0 while redis.wait_replicas is set');
  // An admin UI anyone can log in to, or whose tokens anyone can forge, must not start.
  if (config.admin.enabled && (!config.admin.password || !config.admin.secret)) errors.push('admin.enabled needs admin.password and admin.secret (GYRE_ADMIN_PASSWORD, GYRE_ADMIN_SECRET)');
  const grpcApi = config.grpc_api;
  if (grpcApi.enabled && grpcApi.port === config.port && grpcApi.port !== 0) {
    errors.push(`grpc_api.port (${grpcApi.port}) must differ from port: the GRPC API has a listener of its own`);
  }
  if (grpcApi.enabled && grpcApi.tls.enabled && (!grpcApi.tls.cert_pem || !grpcApi.tls.key_pem)) {
    errors.push('grpc_api.tls.enabled needs grpc_api.tls.cert_pem and grpc_api.tls.key_pem (GYRE_GRPC_API_TLS_CERT_PEM, GYRE_GRPC_API_TLS_KEY_PEM)');
  }
  const personal = config.client.subscribe_to_user_personal_channel;
  if (personal.enabled && personal.personal_channel_namespace && !config.channel.namespaces.some((n) => n.name === personal.personal_channel_namespace)) {
    errors.push(`client.subscribe_to_user_personal_channel.personal_channel_namespace: namespace "${personal.personal_channel_namespace}" is not configured`);
  }
  if (errors.length) throw new ConfigError(errors.join('\n'));
  return config;
}

/** `env` without the variables of the keys `values` sets. */
function envWithout(values: Record<string, unknown>, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  const drop = (spec: Record<string, unknown>, given: Record<string, unknown>) => {
    for (const [key, v] of Object.entries(given)) {
      const s = Object.hasOwn(spec, key) ? (spec[key] as Record<string, unknown>) : undefined;
      if (!s || typeof s !== 'object' || v === undefined) continue;
      if ('doc' in s && 'default' in s) {
        if (typeof s['env'] === 'string') delete out[s['env']];
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) drop(s, v as Record<string, unknown>);
    }
  };
  drop(schema as unknown as Record<string, unknown>, values);
  return out;
}

function loadValues(conf: convict.Config<Record<string, unknown>>, values: Record<string, unknown>, where: string): void {
  // Convict would merge an object into the list default silently; a list key must hold a list.
  const namespaces = (values as { channel?: { namespaces?: unknown } }).channel?.namespaces;
  if (namespaces !== undefined && !Array.isArray(namespaces)) throw new ConfigError(`${where}channel.namespaces: must be a list of namespace objects`);
  try {
    conf.load(values);
  } catch (err) {
    throw new ConfigError(`${where}${(err as Error).message}`);
  }
}

/** Convict says "configuration param 'x' not declared in the schema"; say it the way users read it. */
function rewordConvict(message: string): string {
  return message
    .split('\n')
    .map((line) => line.replace(/^configuration param '([^']+)' not declared in the schema$/, '$1: unknown configuration key'))
    .join('\n');
}

/** Removes // and /* *\/ comments outside strings, so commented JSON parses. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
    } else if (c === '"') {
      inString = true;
      out += c;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
