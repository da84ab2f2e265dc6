/**
 * The part of a connection that its command handlers (subscribe.ts,
 * channel-commands.ts) work on. Client implements it; the handlers depend on
 * this interface rather than on the Client class, which imports them.
 */
import type { Disconnect } from '../disconnect';
import type { Subscriber } from '../hub';
import type { Logger } from '../log';
import type { Codec } from '../protocol/codec';
import type { LivePublication } from '../protocol/live-publication';
import type { ClientInfo, Reply } from '../protocol/types';
import type { Transport } from '../transport/transport';
import type { ClientServices } from './services';
import type { Subscription } from './subscription';

export interface ClientContext extends Subscriber {
  readonly state: 'connecting' | 'connected' | 'closed';
  readonly codec: Codec;
  readonly transport: Transport;
  /** The allow-listed headers of the request that opened the connection, forwarded on its proxy calls. */
  readonly forwardedHeaders: Record<string, string>;
  readonly services: ClientServices;
  /** This connection's subscriptions by channel. */
  readonly channels: Map<string, Subscription>;
  readonly log: Logger;
  /** Publisher/presence identity of this connection in a channel. */
  clientInfo(chanInfo?: Buffer): ClientInfo;
  /** Queues one reply or push. */
  send(reply: Reply): void;
  /** Writes a publication of a live subscription, checking offsets; false when that ended the subscription. */
  writePublication(ctx: Subscription, item: LivePublication): boolean;
  close(d: Disconnect): void;
}
