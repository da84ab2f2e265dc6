/** IPC between the primary and its workers: typed unions, nothing else crosses. */
export type PrimaryMessage =
  | { type: 'shutdown' }
  /** Send your metrics (src/metrics/cluster.ts). */
  | { type: 'metrics-collect'; id: number }
  /** The merged metrics a worker asked for. */
  | { type: 'metrics-text'; id: number; text: string };

/** A registry's getMetricsAsJSON() output, as it crosses IPC. */
export type MetricsJson = object[];

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  /** Someone scraped me: collect the server's metrics. */
  | { type: 'metrics-request'; id: number }
  | { type: 'metrics-json'; id: number; json: MetricsJson };

/**
 * What the primary tells each worker at fork, through its environment: its
 * index among the workers (kept by a replacement), how many there are, and
 * the directory of the workers' private sockets, through which a worker hands
 * a SockJS request to the worker that holds its session.
 */
export const PEER_ENV = { index: 'GYRE_WORKER_INDEX', count: 'GYRE_WORKER_COUNT', dir: 'GYRE_WORKER_PEERS' } as const;

/**
 * This worker's number: its index (0…workers-1) from the primary, kept by a
 * replacement. The one number a worker goes by, in its log lines (`worker`),
 * its /metrics series (`worker` label) and its private socket; 0 for a
 * worker started without a primary.
 */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const index = Number(env[PEER_ENV.index]);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}

/** The private socket of worker `index`. */
export function peerSocket(dir: string, index: number): string {
  return `${dir}/w${index}.sock`;
}
