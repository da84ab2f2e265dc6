/**
 * Controller over Redis pub/sub: `P.control` reaches every node, `P.node.<uid>`
 * one node. Always classic PUBLISH/SUBSCRIBE, also with redis.sharded_pubsub:
 * control traffic is light, and sharded, every node's control would hang on
 * the one Cluster master owning the channel's slot. Messages are small JSON documents (control traffic is rare, and
 * JSON keeps it readable with `redis-cli monitor`). Each node announces
 * itself every ANNOUNCE_MS; a node silent for 2×ANNOUNCE_MS+1 s is forgotten.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log';
import type { ControlCommand, ControlHandler, Controller, NodeInfo } from '../controller';
import type { RedisKeys } from './keys';
import type { RedisShards } from './shards';

const ANNOUNCE_MS = 3000;
const FORGET_MS = 2 * ANNOUNCE_MS + 1000;

type Message =
  | { from: string; type: 'command'; cmd: ControlCommand }
  | { from: string; type: 'node'; info: NodeInfo }
  | { from: string; type: 'survey'; id: string }
  | { from: string; type: 'survey_reply'; id: string; channels: [string, number][] }
  | { from: string; type: 'request'; id: string; cmd: ControlCommand }
  | { from: string; type: 'reply'; id: string; ok: boolean };

interface Survey {
  waiting: Set<string>;
  results: Map<string, number>[];
  done(): void;
}

export class RedisController implements Controller {
  private handler: ControlHandler | null = null;
  private readonly registry = new Map<string, { info: NodeInfo; seenAt: number }>();
  private readonly surveys = new Map<string, Survey>();
  /** Requests sent to one node, waiting for its answer. */
  private readonly pending = new Map<string, (ok: boolean) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly shards: RedisShards,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
  ) {}

  async start(handler: ControlHandler): Promise<void> {
    this.handler = handler;
    // Redis may be down at start: the node then serves degraded (health 503) and these subscribe once it is back.
    // Heard on every shard: a sender uses whichever shard it reaches.
    await Promise.all(
      this.shards.list.map((s) => Promise.all([s.control.keep(this.keys.control()), s.control.keep(this.keys.node(handler.uid))]).catch((err) => s.conn.failures.failed('control subscribe', err))),
    );
    const announce = () => {
      // Not while connecting (at start, or during an outage the connections report): nobody would hear it.
      if (this.shards.list.some((s) => s.conn.command.status === 'ready')) this.send(this.keys.control(), { from: handler.uid, type: 'node', info: handler.info() });
      const now = Date.now();
      for (const [uid, e] of this.registry) if (now - e.seenAt > FORGET_MS) this.registry.delete(uid);
    };
    announce();
    this.timer = setInterval(announce, ANNOUNCE_MS);
    this.timer.unref();
  }

  /** Whether a pub/sub channel name is one of the control channels. */
  owns(name: string): boolean {
    return name === this.keys.control() || (this.handler !== null && name === this.keys.node(this.handler.uid));
  }

  handleMessage(raw: Buffer): void {
    const h = this.handler;
    if (!h) return;
    let m: Message;
    try {
      m = JSON.parse(raw.toString()) as Message;
    } catch {
      this.log.warn('undecodable control message dropped');
      return;
    }
    if (m.from === h.uid) return;
    switch (m.type) {
      case 'command':
        h.handleControl(m.cmd);
        break;
      case 'node':
        this.registry.set(m.from, { info: m.info, seenAt: Date.now() });
        break;
      case 'survey':
        this.send(this.keys.node(m.from), { from: h.uid, type: 'survey_reply', id: m.id, channels: [...h.localChannels()] });
        break;
      case 'request':
        this.send(this.keys.node(m.from), { from: h.uid, type: 'reply', id: m.id, ok: !!h.handleControl(m.cmd) });
        break;
      case 'reply':
        this.pending.get(m.id)?.(m.ok);
        break;
      case 'survey_reply': {
        const s = this.surveys.get(m.id);
        if (!s) break;
        s.results.push(new Map(m.channels));
        s.waiting.delete(m.from);
        if (s.waiting.size === 0) s.done();
        break;
      }
    }
  }

  async broadcast(cmd: ControlCommand): Promise<void> {
    await this.publish(this.keys.control(), JSON.stringify({ from: this.handler?.uid, type: 'command', cmd }));
  }

  knows(uid: string): boolean {
    return this.registry.has(uid);
  }

  async request(uid: string, cmd: ControlCommand, timeoutMs: number): Promise<boolean | null> {
    const h = this.handler;
    if (!h) return null;
    const id = randomUUID();
    const answered = new Promise<boolean | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      timer.unref();
      this.pending.set(id, (ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
    try {
      await this.publish(this.keys.node(uid), JSON.stringify({ from: h.uid, type: 'request', id, cmd }));
      return await answered;
    } finally {
      this.pending.delete(id);
    }
  }

  nodes(): NodeInfo[] {
    return [...this.registry.values()].map((e) => e.info);
  }

  async surveyChannels(timeoutMs: number): Promise<Map<string, number>[]> {
    const h = this.handler;
    if (!h || this.registry.size === 0) return [];
    const id = randomUUID();
    const survey: Survey = { waiting: new Set(this.registry.keys()), results: [], done: () => {} };
    const finished = new Promise<void>((resolve) => {
      survey.done = resolve;
      setTimeout(resolve, timeoutMs).unref();
    });
    this.surveys.set(id, survey);
    try {
      await this.publish(this.keys.control(), JSON.stringify({ from: h.uid, type: 'survey', id }));
      await finished;
      return survey.results;
    } finally {
      this.surveys.delete(id);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  private send(channel: string, m: Message): void {
    this.publish(channel, JSON.stringify(m)).catch((err) => this.shards.failed('control', err));
  }

  /** On one reachable shard: every node listens on all of them. */
  private async publish(channel: string, text: string): Promise<void> {
    await this.shards.forSending().conn.command.publish(channel, text);
  }
}
