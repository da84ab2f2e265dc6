/**
 * A codec turns transport frames into commands and replies into bytes. One
 * instance per protocol is shared by every connection, so codecs hold no
 * per-connection state. Frames carry several messages: JSON joins them with
 * '\n', protobuf prefixes each with its varint length.
 */
import type { Command, ProtocolName, Reply } from './types';

export interface Codec {
  readonly name: ProtocolName;
  /** An encoded empty Reply: the server ping. */
  readonly ping: Buffer;
  /** A frame holding only an encoded empty Command: the client's pong, as the SDKs send it. */
  readonly pong: Buffer;
  /**
   * Decodes every command in one frame, in order. Throws on anything that is
   * not a well-formed frame; the caller answers with disconnect 3501.
   */
  decodeCommands(frame: Buffer): Command[];
  /** Encodes one reply or push as it goes inside a frame. */
  encodeReply(reply: Reply): Buffer;
  /** Joins encoded replies into one frame of the stream format (JSON: newline-separated; protobuf: concatenated, each length-prefixed). */
  joinFrame(parts: Buffer[], totalBytes: number): Buffer;
}

/** Thrown by decoders for frames that cannot be read. */
export class DecodeError extends Error {}
