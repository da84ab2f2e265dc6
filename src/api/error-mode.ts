/**
 * Centrifugo's "transport error mode" for the server API (Centrifugo 5.1+):
 * a backend opts in per request — HTTP header `X-Centrifugo-Error-Mode:
 * transport`, GRPC metadata `x-centrifugo-error-mode: transport` — and a
 * failed call then ends with a transport status (an HTTP status, a GRPC
 * status code) instead of a success carrying `error`. Without it, or with any
 * other value, errors stay in the answer as always: Centrifugo neither refuses
 * nor warns about an unknown value, so a backend written for it gets the same
 * here. The value is compared exactly and only the first one counts, as
 * Centrifugo reads it (Go's Header.Get, the first metadata value).
 *
 * Which calls it applies to, and what the HTTP body is, belong to the two
 * transports (http-api.ts, grpc/server.ts); the code → status table is here,
 * shared by both, so the two never disagree.
 */
import type { IncomingMessage } from 'node:http';
import { status as GrpcStatus } from '@grpc/grpc-js';

/** The HTTP header, lower-cased as Node hands headers over. */
export const ERROR_MODE_HEADER = 'x-centrifugo-error-mode';
/** The GRPC metadata key (metadata keys are lower case on the wire). */
export const ERROR_MODE_METADATA = 'x-centrifugo-error-mode';
/** The one value that switches the mode on. */
export const TRANSPORT_ERROR_MODE = 'transport';

/** Whether a request asks for transport errors, given the first value of the header or metadata key (undefined when absent). */
export function wantsTransportErrors(first: unknown): boolean {
  return first === TRANSPORT_ERROR_MODE;
}

/**
 * Whether an HTTP request asks for transport errors. Node joins repeated headers into one value ("a, b"), so
 * when the header is there its first line is taken from headersDistinct, as Go's Header.Get takes it; most
 * requests have no such header and skip building that.
 */
export function httpWantsTransportErrors(req: IncomingMessage): boolean {
  return req.headers[ERROR_MODE_HEADER] !== undefined && wantsTransportErrors(req.headersDistinct[ERROR_MODE_HEADER]?.[0]);
}

/**
 * The server API codes with a status of their own — Centrifugo's table, so a
 * backend's retry and logging rules written for it hold here. The server API
 * answers no other code today; one outside the table would count as 100.
 */
export type MappedApiErrorCode = 100 | 102 | 104 | 107 | 108 | 112 | 113;

interface TransportStatus {
  http: number;
  grpc: GrpcStatus;
}

const STATUS: Readonly<Record<MappedApiErrorCode, TransportStatus>> = {
  // internal server error: the only one worth retrying.
  100: { http: 500, grpc: GrpcStatus.INTERNAL },
  // unknown channel (namespace not configured), method not found.
  102: { http: 404, grpc: GrpcStatus.NOT_FOUND },
  104: { http: 404, grpc: GrpcStatus.NOT_FOUND },
  // bad request; not available (history or presence off for the namespace): the request, not the server, is wrong.
  107: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  108: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  // unrecoverable position: the stream no longer holds the range asked for.
  112: { http: 416, grpc: GrpcStatus.OUT_OF_RANGE },
  // conflict: Gyre never answers it today; listed so the table stays Centrifugo's whole.
  113: { http: 409, grpc: GrpcStatus.ALREADY_EXISTS },
};

function isMapped(code: number): code is MappedApiErrorCode {
  return Object.hasOwn(STATUS, code);
}

/** The status for an error code; a code outside the table is treated as 100 (Centrifugo does the same). */
function statusFor(code: number): TransportStatus {
  return STATUS[isMapped(code) ? code : 100];
}

/** The HTTP status a failed call answers with in transport error mode. */
export function httpStatusFor(code: number): number {
  return statusFor(code).http;
}

/** The GRPC status code a failed call ends with in transport error mode. */
export function grpcStatusFor(code: number): GrpcStatus {
  return statusFor(code).grpc;
}
