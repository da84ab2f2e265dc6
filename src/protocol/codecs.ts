import type { Codec } from './codec';
import { JsonCodec } from './codec-json';
import { ProtobufCodec } from './codec-protobuf';
import type { ProtocolName } from './types';

/** The two codecs; stateless, so one instance of each serves the process. */
export const codecs: Record<ProtocolName, Codec> = {
  json: new JsonCodec(),
  protobuf: new ProtobufCodec(),
};
