/**
 * Transport: one connection's I/O, whatever carries it (WebSocket today;
 * SockJS, HTTP-streaming and SSE are other implementations). It reads frames
 * and hands them to its sink, writes messages the client has already
 * encoded, and closes with a Disconnect. It never encodes or decodes; how
 * several messages travel together (one WebSocket frame, one SSE event each,
 * a SockJS array) is its own business.
 *
 * Adding a transport: implement this interface in its own file, and register
 * its endpoint on a HttpRouter in src/library/assemble.ts.
 */
import type { Disconnect } from '../disconnect';
import type { SharedFrame } from '../protocol/prepared-push';
import type { ProtocolName } from '../protocol/types';

/** What a transport delivers to: the client state machine of the connection. */
export interface TransportSink {
  /** One inbound frame: one or more encoded commands. */
  handleFrame(frame: Buffer): void;
  /** The peer has gone; nothing more can be written. */
  handleTransportClosed(): void;
}

export interface Transport {
  /** As clients name it: `websocket`, `sockjs`, `http_stream`, `sse`, `uni_websocket`, … */
  readonly name: string;
  readonly protocol: ProtocolName;
  /** Only pushes flow to the client; it sends nothing after connecting. */
  readonly unidirectional: boolean;
  /** An emulated session: its commands arrive through another request (the /emulation endpoint), not on this one. */
  readonly emulated: boolean;
  /** The server must ping the client (the transport has no keep-alive of its own that the client sees). */
  readonly serverPings: boolean;
  /** An emulated session's id, which the connect reply names (with the node) for the client's /emulation requests. */
  readonly session?: string;
  /** Starts reading: frames and the close go to `sink`. Called once, by the client that owns the transport. */
  attach(sink: TransportSink): void;
  /** Sends one encoded message. */
  write(message: Buffer): void;
  /** Sends encoded messages that were queued together, in order; `totalBytes` is their summed length. */
  writeMany(messages: Buffer[], totalBytes: number): void;
  /**
   * Sends a frame shared with other connections (a broadcast: one message, or a channel's batch joined as the codec
   * joins a frame, with `messages` listing them), which it may frame once for all connections of its kind.
   */
  writeShared(frame: SharedFrame): void;
  /** Bytes accepted but not yet handed to the kernel; grows when the peer reads slowly. */
  bufferedAmount(): number;
  /**
   * Ends the connection with a disconnect code and reason; `Disconnects.connectionClosed` (never sent) ends
   * it without a word, after a refused connect's error reply that must stay the client's only answer.
   */
  close(d: Disconnect): void;
}
