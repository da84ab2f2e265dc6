/**
 * One scrape sees the whole server. The worker that takes GET /metrics asks
 * the primary; the primary asks every worker for its metrics as JSON, waits at
 * most COLLECT_TIMEOUT_MS, merges what arrived with prom-client's aggregation
 * (sums, except families marked otherwise) and answers with the text. A worker
 * that does not answer in time (stopped, busy) is left out and counted in
 * gyre_metrics_workers_missing, instead of failing the scrape as prom-client's
 * own cluster support does after a fixed 5 s.
 */
import type { Worker } from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import client from 'prom-client';
import { sendError } from '../http/router';
import type { MetricsJson, PrimaryMessage, WorkerMessage } from '../primary/messages';
import type { PromMetrics } from './metrics';

const COLLECT_TIMEOUT_MS = 1000;
/** The worker's own wait for the primary: the collection bound plus the time to merge and send. */
const SCRAPE_TIMEOUT_MS = COLLECT_TIMEOUT_MS + 2000;

// ---- worker side ------------------------------------------------------------

/** Answers the primary's collection requests with this worker's registry. */
export function answerCollections(metrics: PromMetrics): void {
  process.on('message', (m: PrimaryMessage) => {
    if (m?.type !== 'metrics-collect') return;
    void metrics.registry.getMetricsAsJSON().then((json) => {
      const reply: WorkerMessage = { type: 'metrics-json', id: m.id, json: json as MetricsJson };
      process.send?.(reply);
    });
  });
}

let nextScrape = 0;
const scrapes = new Map<number, (text: string) => void>();

/**
 * GET /metrics: the server's merged metrics, asked of the primary when
 * `viaPrimary` and there is one (a server worker); otherwise (a worker run
 * alone, an embedded node, whose process may have an IPC channel to some
 * other parent) this node's own.
 */
export function metricsEndpoint(metrics: PromMetrics, viaPrimary: boolean) {
  if (viaPrimary) {
    process.on('message', (m: PrimaryMessage) => {
      if (m?.type === 'metrics-text') scrapes.get(m.id)?.(m.text);
    });
  }
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 104, 'method not allowed: GET /metrics', { allow: 'GET, HEAD' });
      return;
    }
    const send = (text: string) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(req.method === 'HEAD' ? undefined : text);
    if (!viaPrimary || !process.send) {
      void metrics.registry.metrics().then(send);
      return;
    }
    const id = ++nextScrape;
    const timer = setTimeout(() => {
      scrapes.delete(id);
      sendError(res, 503, 100, 'metrics collection timed out: the primary did not answer');
    }, SCRAPE_TIMEOUT_MS);
    scrapes.set(id, (text) => {
      clearTimeout(timer);
      scrapes.delete(id);
      send(text);
    });
    const ask: WorkerMessage = { type: 'metrics-request', id };
    process.send(ask);
  };
}

/**
 * GET /metrics while metrics.enabled is off: still a 404 (nothing is served
 * there), but one that says why, since a bare "not found" reads as a wrong
 * path or port to whoever sets up the scrape.
 */
export function metricsDisabled(_req: IncomingMessage, res: ServerResponse): void {
  sendError(res, 404, 104, 'metrics are disabled: set metrics.enabled to true (GYRE_METRICS_ENABLED=true) to serve /metrics');
}

// ---- primary side ------------------------------------------------------------

/**
 * A worker can die between the isConnected() check and the send; with a
 * callback the failure comes here instead of as an 'error' event that would
 * take the primary (and every worker with it) down. It just counts as missing.
 */
const ignoreClosed = (): void => {};

/** The primary's collector: one per primary, fed every worker message. */
export class MetricsCollector {
  private nextId = 0;
  private readonly pending = new Map<number, { answers: MetricsJson[]; expected: number; done: () => void }>();

  constructor(private readonly workers: () => Worker[]) {}

  /** Routes a worker's metrics messages; returns false for any other message. */
  handle(from: Worker, m: WorkerMessage): boolean {
    if (m?.type === 'metrics-request') {
      void this.collect().then((text) => {
        const reply: PrimaryMessage = { type: 'metrics-text', id: m.id, text };
        if (from.isConnected()) from.send(reply, undefined, undefined, ignoreClosed);
      });
      return true;
    }
    if (m?.type === 'metrics-json') {
      const p = this.pending.get(m.id);
      if (p) {
        p.answers.push(m.json);
        if (p.answers.length === p.expected) p.done();
      }
      return true;
    }
    return false;
  }

  private async collect(): Promise<string> {
    const workers = this.workers().filter((w) => w.isConnected());
    const id = ++this.nextId;
    const answers: MetricsJson[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, COLLECT_TIMEOUT_MS);
      this.pending.set(id, { answers, expected: workers.length, done: () => (clearTimeout(timer), resolve()) });
      const ask: PrimaryMessage = { type: 'metrics-collect', id };
      for (const w of workers) w.send(ask, undefined, undefined, ignoreClosed);
      if (workers.length === 0) resolve();
    });
    this.pending.delete(id);
    const merged = answers.length > 0 ? client.AggregatorRegistry.aggregate(answers as never) : new client.Registry();
    new client.Gauge({ name: 'gyre_metrics_workers_missing', help: 'workers that did not answer this scrape in time', registers: [merged] }).set(
      workers.length - answers.length,
    );
    return merged.metrics();
  }
}
