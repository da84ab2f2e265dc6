/**
 * Everything a connection needs from the rest of its worker, and nothing
 * more. The composition root (src/library/assemble.ts) builds one instance and hands it to
 * every Client; nothing in client/ imports the node.
 */
import type { TokenVerifier } from '../auth/token-verifier';
import type { ChannelRules } from '../channel/rules';
import type { ChannelService } from '../channel/service';
import type { Config } from '../config/schema';
import type { Disconnect } from '../disconnect';
import type { Hub, Subscriber } from '../hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import type { Backend } from '../proxy/proxy';

export interface ClientServices {
  /** The `client.*` settings. */
  readonly config: Config['client'];
  readonly rules: ChannelRules;
  readonly verifier: TokenVerifier;
  readonly channels: ChannelService;
  /** This worker's connected clients and their subscriptions, for fan-out. */
  readonly hub: Hub;
  /** Every open connection, connected or still connecting, registers here while open (shutdown closes them all). */
  readonly connections: { add(conn: Subscriber): unknown; delete(conn: Subscriber): unknown };
  readonly log: Logger;
  readonly metrics: Metrics;
  /** This worker's node id, which connect replies of emulated transports name. */
  readonly nodeId: string;
  /** The application backend: the HTTP proxy, handlers of an embedding application, or both; absent when neither is set. */
  readonly proxy?: Backend;
  /** Told when a connection is up (its connect reply sent) and when it ends: an embedding application's onConnect and onDisconnect. */
  readonly events?: ConnectionEvents;
  /** Closes a user's connections on every node but one (client.subscribe_to_user_personal_channel.single_connection). */
  readonly users: { disconnectOthers(user: string, keep: string, d: Disconnect): Promise<void> };
}

/** A connection as its lifecycle events describe it. */
export interface ConnectionView {
  readonly id: string;
  readonly user: string;
  readonly transport: { readonly name: string; readonly protocol: string };
  readonly forwardedHeaders: Record<string, string>;
}

export interface ConnectionEvents {
  connected(client: ConnectionView): void;
  disconnected(client: ConnectionView, d: Disconnect): void;
}
