/**
 * Protobuf codec: varint-length-delimited messages, encoded by the static code
 * generated from proto/client.proto.
 */
import * as $protobuf from 'protobufjs/minimal';
import type { Codec } from './codec';
import { DecodeError } from './codec';
import { centrifugal } from './generated/client';
import type { Command, Reply } from './types';

const pb = centrifugal.centrifuge.protocol;

/**
 * An int64/uint64 field as a number: protobufjs decodes it as a Long object
 * (truthy even when zero), JSON as a number, and absent is 0.
 */
export function int64(v: unknown): number {
  return typeof v === 'number' ? v : v ? Number(v) : 0;
}

export class ProtobufCodec implements Codec {
  readonly name = 'protobuf' as const;
  readonly ping = Buffer.from([0]);
  readonly pong = Buffer.from([0]);

  decodeCommands(frame: Buffer): Command[] {
    const reader = $protobuf.Reader.create(frame);
    const out: Command[] = [];
    try {
      while (reader.pos < reader.len) {
        const len = reader.uint32();
        if (reader.pos + len > reader.len) throw new DecodeError('truncated command');
        out.push(pb.Command.decode(reader, len));
      }
    } catch (err) {
      throw err instanceof DecodeError ? err : new DecodeError('malformed protobuf command');
    }
    if (out.length === 0) throw new DecodeError('empty frame');
    return out;
  }

  encodeReply(reply: Reply): Buffer {
    const bytes = pb.Reply.encode(reply).ldelim().finish();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  joinFrame(parts: Buffer[], totalBytes: number): Buffer {
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, totalBytes);
  }
}
