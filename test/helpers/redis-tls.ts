/**
 * TLS for the test Redis servers (redis.ts, redis-node.ts): the committed
 * test certificates (test/fixtures/tls: a private CA and a certificate for
 * 127.0.0.1/localhost it signed), the redis-server arguments of a TLS-only
 * node, and which ports of this test process speak only TLS, so that the
 * harness's own probes (ping, command) use TLS there without every caller
 * having to say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';

const DIR = path.resolve(__dirname, '../../../test/fixtures/tls');

/** Absolute paths: redis-server reads them after changing into its --dir. */
export const TLS_FILES = {
  ca: path.join(DIR, 'ca.crt'),
  cert: path.join(DIR, 'server.crt'),
  key: path.join(DIR, 'server.key'),
};

/** The certificate settings of every TLS node, as [name, value]: a config file line or a --name value pair. */
export const TLS_SETTINGS: [string, string][] = [
  ['tls-cert-file', TLS_FILES.cert],
  ['tls-key-file', TLS_FILES.key],
  ['tls-ca-cert-file', TLS_FILES.ca],
  ['tls-auth-clients', 'no'],
];

/**
 * A data node on `port` with TLS only: no plain port at all (--port 0), so
 * nothing but a TLS client gets an answer. Replication and the cluster bus
 * use TLS too, with the same certificate as client certificate; clients need
 * none (--tls-auth-clients no).
 */
export function tlsDataArgs(port: number): string[] {
  return ['--port', '0', '--tls-port', String(port), ...TLS_SETTINGS.flatMap(([name, value]) => [`--${name}`, value]), '--tls-replication', 'yes', '--tls-cluster', 'yes'];
}

const tlsPorts = new Set<number>();

/** Marks `port` as TLS-only (or plain again) for ping() and command(). */
export function setTls(port: number, on: boolean): void {
  if (on) tlsPorts.add(port);
  else tlsPorts.delete(port);
}

/** The client TLS options for `port` (trusting the test CA), or undefined when it is a plain port. */
export function clientTls(port: number): ConnectionOptions | undefined {
  return tlsPorts.has(port) ? { ca: fs.readFileSync(TLS_FILES.ca) } : undefined;
}
