/**
 * The GRPC server API: Centrifugo's `centrifugal.centrifugo.api.CentrifugoApi`
 * service (proto/api.proto, loaded at start — no generated code), so a client
 * generated from Centrifugo's schema works against Gyre unchanged.
 *
 * Every call runs through the same ApiExecutor as the HTTP API, with the same
 * limits and error codes. As in Centrifugo, an answer carries its error in the
 * response message (`error: {code, message}`), not as a GRPC status, with
 * three exceptions: a call without the right key is refused UNAUTHENTICATED
 * before its message is even read; a batch over api.max_batch_size is refused
 * INVALID_ARGUMENT (BatchResponse has no error field; that is the status
 * Centrifugo maps 107 to); a failure of Gyre itself is INTERNAL. An RPC of the
 * schema Gyre has no method for (Connections, the push, user-status and map
 * RPCs…) answers error 104, method not found, never UNIMPLEMENTED: the schema
 * is served whole.
 *
 * Transport error mode (error-mode.ts): a call with metadata
 * `x-centrifugo-error-mode: transport` that fails ends with the GRPC status
 * its code maps to instead of an OK answer carrying `error` — details the
 * error's message, and the error itself ({code, message}) attached as
 * `google.rpc.Status` details in `grpc-status-details-bin`, as Centrifugo
 * attaches it, so a client can still tell 102 from 104 (both NOT_FOUND).
 * Batch replies and broadcast results keep their per-command errors, as in
 * Centrifugo; a batch over the limit is INVALID_ARGUMENT in either mode.
 *
 * Every worker serves it on the same port: grpc-js listens through node:net,
 * which under node:cluster shares the listening socket between workers just as
 * it does for the HTTP server (connection sharing in primary/primary.ts
 * applies to both). A GRPC client keeps one connection, so one client's calls
 * go to one worker; with the Redis engine that worker reaches every client.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Writer } from 'protobufjs/minimal';
import type { Config } from '../../config/schema';
import { Errors } from '../../errors';
import type { InFlight } from '../../http/in-flight';
import type { Logger } from '../../log';
import { ERROR_MODE_METADATA, grpcStatusFor, wantsTransportErrors } from '../error-mode';
import { type ApiExecutor, type CallContext, errorBody } from '../methods';
import { methodName, toBatchParams, toParams, toResult } from './convert';

const SERVICE = 'centrifugal.centrifugo.api.CentrifugoApi';
/** Field names as the proto writes them (the executor's snake_case params), 64-bit numbers as JS numbers (checked as safe integers by params.ts), absent fields left absent. */
const LOAD_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true };
const CTX: CallContext = { source: 'grpc' };

export interface GrpcApiOptions {
  api: ApiExecutor;
  config: Config['grpc_api'];
  /** api.insecure: the development switch that lets the server APIs answer without a key. */
  insecure: boolean;
  /** api.max_body_size: the largest request message, as for an HTTP API body. */
  maxMessageSize: number;
  /** The server's `address`, used when grpc_api.address is empty. */
  defaultAddress: string;
  /** The worker's API requests in flight, which a drain waits for. */
  requests: InFlight;
  log: Logger;
}

/** A call refused as a whole, with a GRPC status; `error` is the server API error it stands for, sent as status details. */
class Refusal extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    readonly error?: { code: number; message: string },
  ) {
    super(message);
  }
}

/** Where a status's details travel: a serialized google.rpc.Status, the trailer GRPC's rich error model reads. */
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
/** The type URL of the attached error, naming the message of proto/api.proto it is encoded as. */
const ERROR_TYPE_URL = 'type.googleapis.com/centrifugal.centrifugo.api.Error';

/**
 * `google.rpc.Status{code, message, details: [Any(centrifugal.centrifugo.api.Error{code, message})]}`, written with
 * protobufjs's wire writer: two small fixed messages, not worth loading google/rpc/status.proto for.
 */
function statusDetails(code: grpc.status, error: { code: number; message: string }): Buffer {
  const apiError = Writer.create().uint32(0x08).uint32(error.code).uint32(0x12).string(error.message).finish();
  const w = Writer.create().uint32(0x08).int32(code).uint32(0x12).string(error.message);
  w.uint32(0x1a).fork().uint32(0x0a).string(ERROR_TYPE_URL).uint32(0x12).bytes(apiError).ldelim();
  const bytes = w.finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class GrpcApi {
  private readonly server: grpc.Server;

  constructor(private readonly opts: GrpcApiOptions) {
    this.server = new grpc.Server({
      'grpc.max_receive_message_length': opts.maxMessageSize,
      interceptors: [this.authInterceptor],
    });
    const definition = protoLoader.loadSync(protoFile(), LOAD_OPTIONS)[SERVICE] as protoLoader.ServiceDefinition | undefined;
    if (!definition) throw new Error(`proto/api.proto does not declare ${SERVICE}`);
    const wire: Record<string, grpc.MethodDefinition<object, Buffer>> = {};
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const [rpc, def] of Object.entries(definition)) {
      const method = methodName(rpc);
      const encode = def.responseSerialize as (message: object) => Uint8Array;
      // The handler encodes its answer itself, so that an answer the schema cannot hold is reported here
      // (logged, INTERNAL) and not lost inside grpc-js; grpc-js then sends the bytes as they are.
      wire[rpc] = { ...def, responseSerialize: (bytes: Buffer) => bytes } as grpc.MethodDefinition<object, Buffer>;
      handlers[rpc] = (call: grpc.ServerUnaryCall<unknown, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const transport = wantsTransportErrors(call.metadata.get(ERROR_MODE_METADATA)[0]);
        void opts.requests.run(() => this.answer(method, call.request, transport, encode, callback));
      };
    }
    this.server.addService(wire, handlers);
  }

  /** Binds grpc_api.address:grpc_api.port; resolves with the port bound. */
  start(): Promise<number> {
    const { config } = this.opts;
    const host = config.address || this.opts.defaultAddress;
    const target = host.includes(':') && !host.startsWith('[') ? `[${host}]:${config.port}` : `${host}:${config.port}`;
    const credentials = serverCredentials(config.tls);
    return new Promise((resolve, reject) => {
      this.server.bindAsync(target, credentials, (err, port) => {
        if (err) reject(new Error(`grpc_api: cannot listen on ${target}: ${err.message}`));
        else resolve(port);
      });
    });
  }

  /** Stops taking connections and calls; resolves once the calls under way have been answered. */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  /** Cuts whatever close() is still waiting for (the drain's deadline passed). */
  forceClose(): void {
    this.server.forceShutdown();
  }

  /**
   * Refuses a call without the right key from its metadata, before its message is read or decoded: the
   * request is never asked for, so an unauthenticated caller costs no decoding. The rule is the HTTP API's:
   * the key must match grpc_api.key, and an empty key refuses everything unless api.insecure.
   */
  private readonly authInterceptor: grpc.ServerInterceptor = (_method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, pass) => {
            if (this.authorized(metadata)) pass(metadata);
            else call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details: 'unauthenticated: missing or wrong API key (metadata authorization: apikey KEY)', metadata: new grpc.Metadata() });
          },
        }),
    });

  private authorized(metadata: grpc.Metadata): boolean {
    if (this.opts.insecure) return true;
    const expected = this.opts.config.key;
    if (!expected) return false;
    const value = metadata.get('authorization')[0];
    const m = typeof value === 'string' ? /^apikey\s+(.+)$/i.exec(value.trim()) : null;
    if (!m) return false;
    const a = Buffer.from(m[1]!);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private async answer(method: string, request: unknown, transport: boolean, encode: (message: object) => Uint8Array, callback: grpc.sendUnaryData<Buffer>): Promise<void> {
    let bytes: Buffer;
    try {
      const message = method === 'batch' ? await this.batch(request) : await this.single(method, request, transport);
      const encoded = encode(message);
      bytes = Buffer.isBuffer(encoded) ? encoded : Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    } catch (err) {
      if (err instanceof Refusal) {
        let metadata: grpc.Metadata | undefined;
        if (err.error) {
          metadata = new grpc.Metadata();
          metadata.set(STATUS_DETAILS_KEY, statusDetails(err.code, err.error));
        }
        return callback({ code: err.code, details: err.message, metadata });
      }
      this.opts.log.error({ err, method }, 'grpc api call failed');
      return callback({ code: grpc.status.INTERNAL, details: 'internal server error' });
    }
    callback(null, bytes);
  }

  private async single(method: string, request: unknown, transport: boolean): Promise<object> {
    let error;
    if (!this.opts.api.has(method)) error = errorBody(Errors.methodNotFound);
    else {
      try {
        return { result: toResult(method, await this.opts.api.call(method, toParams(method, request), CTX)) };
      } catch (err) {
        error = errorBody(err);
      }
    }
    // Transport error mode: the call fails with a status a GRPC client (its retries, interceptors, logs) acts on.
    if (transport) throw new Refusal(grpcStatusFor(error.code), error.message, { code: error.code, message: error.message });
    // Errors in the message, as the HTTP API answers them in its body (a broadcast over the limit included).
    return { error };
  }

  private async batch(request: unknown): Promise<object> {
    const { api } = this.opts;
    let checked;
    try {
      checked = api.batchItems(toBatchParams(request));
    } catch (err) {
      throw new Refusal(grpc.status.INVALID_ARGUMENT, errorBody(err).message);
    }
    const { items, parallel } = checked;
    const replies: object[] = [];
    await api.runItems(
      items,
      parallel,
      (o, i) => {
        const method = items[i]!.method;
        replies.push(o.ok ? { [method]: toResult(method, o.result) } : { error: errorBody(o.error) });
      },
      CTX,
    );
    return { replies };
  }
}

/** proto/api.proto from the compiled module (dist/src/api/grpc) or from the sources (src/api/grpc). */
function protoFile(): string {
  const compiled = path.resolve(__dirname, '../../../../proto/api.proto');
  return fs.existsSync(compiled) ? compiled : path.resolve(__dirname, '../../../proto/api.proto');
}

function serverCredentials(tls: Config['grpc_api']['tls']): grpc.ServerCredentials {
  if (!tls.enabled) return grpc.ServerCredentials.createInsecure();
  const pair = { cert_chain: readPem(tls.cert_pem, 'grpc_api.tls.cert_pem'), private_key: readPem(tls.key_pem, 'grpc_api.tls.key_pem') };
  // No client certificates: callers authenticate with the API key.
  return grpc.ServerCredentials.createSsl(null, [pair], false);
}

/** A PEM setting: the PEM itself, a file holding it, or its base64 (the three forms Centrifugo 6 accepts). */
export function readPem(value: string, key: string): Buffer {
  if (value.includes('-----BEGIN')) return Buffer.from(value);
  if (fs.existsSync(value)) {
    try {
      return fs.readFileSync(value);
    } catch (err) {
      throw new Error(`${key}: ${(err as Error).message}`);
    }
  }
  const decoded = Buffer.from(value, 'base64');
  if (decoded.includes('-----BEGIN')) return decoded;
  throw new Error(`${key}: neither PEM text, an existing file, nor base64-encoded PEM`);
}
