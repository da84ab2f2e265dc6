/**
 * The commands that print configuration rather than check it: genconfig (a
 * starter file with fresh secrets), defaultconfig (every key with its default,
 * as a config file) and defaultenv (every key with its default, as
 * environment variables). All three are read by programs (jq, config tools,
 * env files), so they print plain JSON / plain VAR=value lines: what each key
 * means is in the README's configuration reference, generated from the same
 * schema.
 */
import { randomBytes } from 'node:crypto';
import { schema } from '../config/schema';

interface Leaf {
  doc: string;
  default: unknown;
  env?: string;
}

const isLeaf = (v: unknown): v is Leaf => typeof v === 'object' && v !== null && 'doc' in v && 'default' in v;

/** Every key of the schema, in its order, with its dotted path. */
export function schemaLeaves(): [string, Leaf][] {
  const out: [string, Leaf][] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (isLeaf(v)) out.push([key, v]);
      else if (typeof v === 'object' && v !== null) walk(v as Record<string, unknown>, key);
    }
  };
  walk(schema as unknown as Record<string, unknown>, '');
  return out;
}

export function genconfig(): string {
  const secret = () => randomBytes(24).toString('base64url');
  const starter = {
    port: 8000,
    engine: 'memory',
    token: { hmac_secret: secret() },
    api: { key: secret() },
    admin: { enabled: false, password: randomBytes(12).toString('base64url'), secret: secret() },
    client: { allowed_origins: [] },
    channel: {
      allow_subscribe_for_client: true,
      namespaces: [
        {
          name: 'chat',
          history_size: 100,
          history_ttl: 300,
          force_recovery: true,
          presence: true,
          join_leave: true,
          force_push_join_leave: true,
          allow_subscribe_for_client: true,
          allow_publish_for_subscriber: true,
          allow_history_for_subscriber: true,
          allow_presence_for_subscriber: true,
        },
      ],
    },
  };
  return `${JSON.stringify(starter, null, 2)}\n`;
}

export function defaultconfig(): string {
  const root: Record<string, unknown> = {};
  for (const [key, leaf] of schemaLeaves()) {
    const path = key.split('.');
    let node = root;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = leaf.default;
  }
  return `${JSON.stringify(root, null, 2)}\n`;
}

/**
 * `GYRE_X=default` for every key that has a variable, lists comma-separated (how the environment carries them).
 * Keys without one (objects and the namespace list) can only be set in the file: they follow as comments, so the
 * output still loads as an env file and nothing is silently missing from it.
 */
export function defaultenv(): string {
  const lines = ['# Gyre environment variables with their defaults (gyre defaultenv): they override the config file GYRE_CONFIG names; lists are comma-separated.'];
  const fileOnly: string[] = [];
  for (const [key, leaf] of schemaLeaves()) {
    if (leaf.env) lines.push(`${leaf.env}=${envValue(leaf.default)}`);
    else fileOnly.push(`#   ${key} = ${JSON.stringify(leaf.default)}`);
  }
  if (fileOnly.length) lines.push('# No environment variable, set these in the config file:', ...fileOnly);
  return `${lines.join('\n')}\n`;
}

function envValue(v: unknown): string {
  const text = Array.isArray(v) ? v.join(',') : String(v);
  // Quoted only when a shell would split or expand it; no default needs that today, so the lines also read as
  // they are in env files that take quotes literally (docker --env-file).
  return /^[\w./:@,+=-]*$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
