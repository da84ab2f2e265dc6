/**
 * The listen backlog: how many connections the kernel holds completed for
 * the server before it accepts them. Node asks for 511; when a reconnect
 * storm brings thousands at once, the kernel drops the SYNs past it and
 * those clients retry only after 1 s, then 3 s (the SYN retransmission
 * timer), however fast the server catches up. Go's net package, and so
 * Centrifugo, asks for the system's limit (net.core.somaxconn) instead;
 * so does Gyre.
 */
import fs from 'node:fs';

/** Node's own default, used where the system's limit cannot be read. */
const NODE_DEFAULT = 511;
/** The largest backlog Linux takes (somaxconn is capped to it). */
const MAX = 65535;

export function listenBacklog(read: () => string = () => fs.readFileSync('/proc/sys/net/core/somaxconn', 'utf8')): number {
  let limit: number;
  try {
    limit = parseInt(read().trim(), 10);
  } catch {
    return NODE_DEFAULT;
  }
  return Number.isInteger(limit) && limit > NODE_DEFAULT ? Math.min(limit, MAX) : NODE_DEFAULT;
}
