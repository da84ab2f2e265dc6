/**
 * redis.wait_replicas: a publish is acknowledged only once that many replicas
 * have it. Redis replicates asynchronously, so a publication its master
 * acknowledged can be missing on the replica a failover promotes; WAIT after
 * the publish script returns once enough replicas confirm they hold
 * everything the connection wrote (or the timeout passed, saying how many did).
 *
 * WAIT counts only what the connection that sends it wrote, and blocks that
 * connection meanwhile. So publishes get a connection of their own per shard
 * (the command connection would stall every history and presence call behind
 * a WAIT while a replica is down), and each WAIT goes in one pipeline with the
 * scripts it covers: on the same socket, right behind them — on a Cluster to
 * the node their keys chose. If the socket breaks, scripts and WAIT fail
 * together, so a WAIT can never answer for a script sent on an earlier
 * connection. With one master, publishes of the same tick share one pipeline
 * and one WAIT; on a Cluster each publish has its own (its keys pick the node).
 *
 * The scripts go as plain EVALSHA (EVAL after NOSCRIPT, in a new pipeline with
 * its own WAIT): ioredis' script commands resend after NOSCRIPT outside the
 * pipeline, behind the WAIT that was meant to cover them.
 */
import { createHash } from 'node:crypto';
import { ClientError } from '../../errors';
import type { EngineFailures } from '../outage-log';
import { COMMAND_TIMEOUT_MS, createClient, type RedisClient } from './connection';
import { scriptSource } from './scripts';
import type { ShardSpec } from './topology';

export interface ReplicaWait {
  /** Replicas that must have a publication (redis.wait_replicas, > 0). */
  replicas: number;
  /** How long to wait for them (redis.wait_timeout), > 0: WAIT with 0 waits forever. */
  timeoutMs: number;
}

/** Fewer replicas than asked have the publication: it is published, but may not survive a failover. */
export class NotReplicatedError extends ClientError {
  constructor() {
    super(100, 'not acknowledged by replicas', true);
  }
}

export type PublishKeys = readonly [stream: string, meta: string, result: string];
export type PublishArgs = readonly (string | number | Buffer)[];
/** lua/broker_publish.lua's reply. */
export type PublishReply = [offset: number, epoch: string, suppressed: number];

interface Pending {
  keys: PublishKeys;
  args: PublishArgs;
  resolve(r: PublishReply): void;
  reject(err: Error): void;
}

const lua = scriptSource('gyrePublish');
const sha = createHash('sha1').update(lua).digest('hex');

export class ReplicaAckPublisher {
  private readonly client: RedisClient;
  private readonly perPublish: boolean;
  private tick: Pending[] = [];

  constructor(
    spec: ShardSpec,
    private readonly wait: ReplicaWait,
    private readonly failures: EngineFailures,
  ) {
    // A script queued behind a WAIT may take the WAIT's whole timeout more to be answered.
    this.client = createClient(spec, 'publish', { commandTimeout: COMMAND_TIMEOUT_MS + wait.timeoutMs });
    this.client.on('error', (err) => failures.failed('publish connection', err));
    this.perPublish = spec.kind === 'cluster';
  }

  /** Runs broker_publish.lua and resolves once `wait.replicas` replicas have it; NotReplicatedError when fewer did in time. */
  publish(keys: PublishKeys, args: PublishArgs): Promise<PublishReply> {
    return new Promise((resolve, reject) => {
      const p: Pending = { keys, args, resolve, reject };
      if (this.perPublish) {
        void this.send([p], 'evalsha');
        return;
      }
      this.tick.push(p);
      if (this.tick.length > 1) return;
      setImmediate(() => {
        const batch = this.tick;
        this.tick = [];
        void this.send(batch, 'evalsha');
      });
    });
  }

  private async send(batch: Pending[], how: 'evalsha' | 'eval'): Promise<void> {
    const pipe = this.client.pipeline();
    for (const p of batch) {
      if (how === 'evalsha') pipe.evalsha(sha, 3, ...p.keys, ...p.args);
      else pipe.eval(lua, 3, ...p.keys, ...p.args);
    }
    pipe.wait(this.wait.replicas, this.wait.timeoutMs);
    let results: [Error | null, unknown][];
    try {
      results = (await pipe.exec()) ?? [];
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
      return;
    }
    const [waitErr, acked] = results[batch.length] ?? [new Error('redis: no reply to WAIT'), 0];
    const replicated = !waitErr && Number(acked) >= this.wait.replicas;
    if (!waitErr && !replicated) {
      this.failures.failed('replica wait', new Error(`${Number(acked)} of ${this.wait.replicas} replicas acknowledged within ${this.wait.timeoutMs} ms`));
    }
    const unknownScript: Pending[] = [];
    batch.forEach((p, i) => {
      const [err, reply] = results[i] ?? [new Error('redis: no reply'), null];
      if (err) {
        if (how === 'evalsha' && err.message.includes('NOSCRIPT')) unknownScript.push(p);
        else p.reject(err);
      } else if (waitErr) p.reject(waitErr);
      else if (!replicated) p.reject(new NotReplicatedError());
      else p.resolve(reply as PublishReply);
    });
    // Nothing ran for these: sent again with the script's text (which Redis then keeps).
    if (unknownScript.length) await this.send(unknownScript, 'eval');
  }

  /** Part of /health: publishes fail while their connection is down. */
  ready(): boolean {
    return this.client.status === 'ready';
  }

  close(): void {
    this.client.disconnect();
  }
}
