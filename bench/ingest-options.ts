/**
 * Options of the ingestion benchmark (bench/ingest-redis.ts; usage in its header comment) and the
 * types they are made of.
 */
import { intOption, parseFlags, strOption } from './lib';

export const HISTORY_SIZE = 1000;
export const HISTORY_TTL = 300;

export type SourceKind = 'list' | 'stream';
export type Target = 'single' | 'many';
export type Mode = 'live' | 'backlog';
const SOURCES: SourceKind[] = ['list', 'stream'];
const TARGETS: Target[] = ['single', 'many'];
const MODES: Mode[] = ['live', 'backlog'];

export interface Options {
  sources: SourceKind[];
  targets: Target[];
  modes: Mode[];
  m: number;
  channels: number;
  sample: number;
  payload: number;
  pushChunk: number;
  workers: number[];
  shards: number[];
  batches: number[];
  runs: number;
  retries: number;
  maxOtherPct: number;
  waitQuietS: number;
  timeoutS: number;
  /** A run with no delivery and no change in the queues for this long ends as stalled. */
  stallS: number;
  warmupItems: number;
  rb: boolean;
  rbN: number;
  rbClients: number;
  rbPipelines: number[];
  jsonOut: string;
  serverNodeArgs: string[];
  gyreConfig: Record<string, unknown>;
  /** Consumer counts for the Gyre-less ingest driver (empty = skip it). */
  /** Run the Gyre setups (off with --no-gyre: only the driver and/or redis-benchmark). */
  gyre: boolean;
}

function list<T extends string>(raw: string, known: readonly T[], name: string): T[] {
  const out = raw.split(',').map((s) => s.trim()).filter(Boolean) as T[];
  for (const v of out) if (!known.includes(v)) throw new Error(`--${name}: unknown ${v}; known: ${known.join(', ')}`);
  return out;
}

function intList(raw: string, name: string, min: number): number[] {
  const out = raw.split(',').map(Number);
  if (out.some((v) => !Number.isInteger(v) || v < min)) throw new Error(`--${name} must be integers ≥ ${min}, got ${raw}`);
  return out;
}

export function options(): Options {
  const f = parseFlags(process.argv.slice(2));
  return {
    sources: list(strOption(f, 'sources', 'BENCH_SOURCES', SOURCES.join(',')), SOURCES, 'sources'),
    targets: list(strOption(f, 'targets', 'BENCH_TARGETS', TARGETS.join(',')), TARGETS, 'targets'),
    modes: list(strOption(f, 'modes', 'BENCH_MODES', 'live'), MODES, 'modes'),
    m: intOption(f, 'm', 'BENCH_M', 100_000),
    channels: intOption(f, 'channels', 'BENCH_CHANNELS', 1000),
    sample: intOption(f, 'sample', 'BENCH_SAMPLE', 16),
    payload: intOption(f, 'payload', 'BENCH_PAYLOAD', 80),
    pushChunk: intOption(f, 'push-chunk', 'BENCH_PUSH_CHUNK', 1000),
    workers: intList(strOption(f, 'workers', 'BENCH_WORKERS', '1'), 'workers', 1),
    shards: intList(strOption(f, 'shards', 'BENCH_SHARDS', '0'), 'shards', 0),
    batches: intList(strOption(f, 'batches', 'BENCH_BATCHES', '256'), 'batches', 1),
    runs: intOption(f, 'runs', 'BENCH_RUNS', 2),
    retries: Number(strOption(f, 'retries', 'BENCH_RETRIES', '2')) || 0,
    maxOtherPct: intOption(f, 'max-other', 'BENCH_MAX_OTHER', 15),
    waitQuietS: intOption(f, 'wait-quiet', 'BENCH_WAIT_QUIET', 10),
    timeoutS: intOption(f, 'timeout', 'BENCH_TIMEOUT', 120),
    stallS: intOption(f, 'stall', 'BENCH_STALL', 15),
    warmupItems: Math.max(0, Math.floor(Number(strOption(f, 'warmup-items', 'BENCH_WARMUP_ITEMS', '10000')) || 0)),
    rb: f.get('no-rb') !== 'true',
    rbN: intOption(f, 'rb-n', 'BENCH_RB_N', 200000),
    rbClients: intOption(f, 'rb-clients', 'BENCH_RB_CLIENTS', 50),
    rbPipelines: intList(strOption(f, 'rb-pipelines', 'BENCH_RB_PIPELINES', '16,1'), 'rb-pipelines', 1),
    jsonOut: strOption(f, 'json', 'BENCH_JSON', ''),
    serverNodeArgs: strOption(f, 'server-node-args', 'BENCH_SERVER_NODE_ARGS', '').split(' ').filter(Boolean),
    gyreConfig: JSON.parse(strOption(f, 'gyre-config', 'BENCH_GYRE_CONFIG', '{}')) as Record<string, unknown>,
    gyre: f.get('no-gyre') !== 'true',
  };
}

/** One Gyre setup: every combination of --workers, --shards and --batches. */
export interface Setup {
  workers: number;
  shards: number;
  batch: number;
}

export const setupLabel = (s: Setup) => `w${s.workers} shards ${s.shards} batch ${s.batch}`;
