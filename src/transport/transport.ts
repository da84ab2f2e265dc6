/**
 * Transport: moves bytes for one connection. It never encodes; the client
 * hands it finished frames. `SharedFrame` lets a transport cache its own
 * framing of bytes that many connections send unchanged (a broadcast), so the
 * WebSocket header is built once per publication rather than once per socket.
 */
import type { ProtocolName } from '../protocol/types';

export class SharedFrame {
  /** The WebSocket frame (header + payload), built by the first WebSocket that sends it. */
  wsFrame: Buffer[] | undefined = undefined;
  constructor(readonly data: Buffer) {}
}

export interface Transport {
  readonly name: string;
  readonly protocol: ProtocolName;
  /** Sends one frame (one or more encoded messages). */
  write(frame: Buffer): void;
  /** Sends a frame shared with other connections. */
  writeShared(frame: SharedFrame): void;
  /** Bytes accepted but not yet handed to the kernel; grows when the peer reads slowly. */
  bufferedAmount(): number;
  /** Ends the connection with a disconnect code and reason. */
  close(code: number, reason: string): void;
}
