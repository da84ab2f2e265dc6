/**
 * How a worker logs engine failures. While Redis is down every command of
 * every component fails — API requests, subscriptions, presence refreshes,
 * control messages, ingestion, each connection's reconnect attempts — and
 * each logging its own failure filled the log with dozens of stack traces a
 * second. Components report failures here instead, and the log says what an
 * operator needs: one warning when the engine starts failing, one info line
 * when it answers again (with how long and how many failures), and every
 * failure with its stack at debug.
 *
 * One OutageLog per Redis shard of a worker, shared by all of the shard's
 * connections: an outage is the shard's, not a connection's, since the
 * connections of a shard (command, pub/sub, ingestion) fail and come back
 * together, while another shard may well keep serving.
 */
import type { Logger } from '../log';

/** Where components report a failed engine call. */
export interface EngineFailures {
  /**
   * `op` says what was being done (`publish`, `ingest`, `subscriber connection`…);
   * `channel`, when the call was about one, lets an engine of several Redis
   * shards report it to the outage log of the shard the channel lives on.
   * Returns that shard's index (Redis engine), for the metrics' shard label.
   */
  failed(op: string, err: unknown, channel?: string): number | undefined;
}

/** How often recovery is checked during an outage, and how long no failure must be reported before it counts. */
const CHECK_MS = 1000;

export class OutageLog implements EngineFailures {
  private outage: { since: number; failures: number } | null = null;
  private lastFailure = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /**
   * `probe` answers whether the engine works again (every connection ready,
   * a round trip answered). The outage ends when it does and nothing failed
   * in the last CHECK_MS: a probe alone passes against a Redis that refuses
   * writes (MISCONF, OOM) while every publish still fails.
   */
  constructor(
    private readonly log: Logger,
    private readonly probe: () => Promise<boolean>,
    private readonly checkMs = CHECK_MS,
  ) {}

  /** A shard's own log: whoever reports here knows the shard, so there is no index to return. */
  failed(op: string, err: unknown): undefined {
    this.lastFailure = Date.now();
    this.log.debug({ op, err }, 'redis failure');
    if (this.outage) {
      this.outage.failures++;
      return;
    }
    this.outage = { since: this.lastFailure, failures: 1 };
    this.log.warn({ op, err: messageOf(err) }, 'redis failing; further failures are logged at debug until it recovers');
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.check(), this.checkMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.timer = null;
    const o = this.outage;
    if (!o) return;
    const quiet = () => Date.now() - this.lastFailure >= this.checkMs;
    if (quiet() && (await this.probe().catch(() => false)) && quiet()) {
      this.outage = null;
      this.log.info({ failures: o.failures, down_ms: Date.now() - o.since }, 'redis recovered');
      return;
    }
    this.schedule();
  }
}

/**
 * The memory engine's: it has no outages, so a failure there is a bug and is
 * logged as one, every time, with its stack.
 */
export function logEveryFailure(log: Logger): EngineFailures {
  return {
    failed(op, err, channel) {
      log.error({ op, err, channel }, `${op} failed`);
      return undefined;
    },
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
