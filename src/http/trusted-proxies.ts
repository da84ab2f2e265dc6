/**
 * The address of the client behind reverse proxies. A request's peer is the
 * client unless it is one of the configured trusted proxies; then the client
 * is read from the header those proxies write (`X-Forwarded-For`, or RFC 7239
 * `Forwarded: for=`), walking it from the right: each proxy appends the
 * address it was connected from, so the right-most entry that is not itself
 * a trusted proxy was written by a trusted one and is the client. Everything
 * left of it is whatever the client sent, and is never read. Only the one
 * header the operator names is read: a proxy that writes one passes the other
 * through from the client untouched.
 *
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what a dual-stack socket
 * reports) are the IPv4 address, in the list and in what is returned.
 */
import net from 'node:net';

export type ProxyHeader = 'x-forwarded-for' | 'forwarded';
export const PROXY_HEADERS: readonly ProxyHeader[] = ['x-forwarded-for', 'forwarded'];

/**
 * Only the end of a forwarding header is read. The client controls how long
 * the part left of its proxies' entries is, and those entries are short
 * (an address each), so the chain that matters fits in far less.
 */
export const MAX_FORWARDED_CHARS = 1024;

export class TrustedProxies {
  private readonly list = new net.BlockList();
  readonly size: number;

  /** `entries`: IP addresses and CIDR ranges, IPv4 or IPv6; throws naming the first that is neither. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      if (!addEntry(this.list, entry.trim())) throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8, 127.0.0.1)`);
    }
    this.size = entries.length;
  }

  trusts(address: string): boolean {
    const ip = canonicalIp(address);
    return ip !== null && this.list.check(ip, net.isIP(ip) === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's address: the peer's, unless the peer is trusted and the
   * header names another. When every address in the header is trusted, the
   * left-most one; when the entry to use is not an address (`unknown`, an
   * obfuscated name), the peer's.
   */
  clientAddress(peer: string | undefined, header: string | string[] | undefined, kind: ProxyHeader): string {
    const self = canonicalIp(peer ?? '') ?? peer ?? '';
    if (this.size === 0 || typeof header !== 'string' || !this.trusts(self)) return self;
    let found: string | null = null;
    for (const entry of entriesFromRight(header)) {
      const ip = canonicalIp(kind === 'forwarded' ? forValue(entry) : entry.trim());
      if (ip === null) return self;
      found = ip;
      if (!this.trusts(ip)) break;
    }
    return found ?? self;
  }
}

/** The comma-separated entries of the header's last MAX_FORWARDED_CHARS characters, right-most first; a cut entry is left out. */
function* entriesFromRight(header: string): Generator<string> {
  const cut = header.length > MAX_FORWARDED_CHARS;
  const text = cut ? header.slice(header.length - MAX_FORWARDED_CHARS) : header;
  let end = text.length;
  for (;;) {
    const comma = text.lastIndexOf(',', end - 1);
    if (comma === -1) {
      if (!cut) yield text.slice(0, end);
      return;
    }
    yield text.slice(comma + 1, end);
    end = comma;
  }
}

/**
 * The `for` parameter of one RFC 7239 element (`for=192.0.2.60;proto=http`,
 * `For="[2001:db8::17]:4711"`), unquoted; '' when it has none. Addresses
 * hold no quote, backslash or comma, so a value with any is not an address
 * and fails canonicalIp later.
 */
function forValue(element: string): string {
  for (const pair of element.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
    const v = pair.slice(eq + 1).trim();
    return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  }
  return '';
}

/**
 * One address as a proxy may write it (`10.0.0.1`, `10.0.0.1:5678`,
 * `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`) in canonical form:
 * IPv6 compressed and lower-case, IPv4-mapped IPv6 as IPv4. Null for
 * anything else (a name, `unknown`, a zone index).
 */
export function canonicalIp(text: string): string | null {
  let s = text;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close === -1 || !isPortSuffix(s.slice(close + 1))) return null;
    s = s.slice(1, close);
  } else {
    const colon = s.indexOf(':');
    // One colon: IPv4 with a port. More: IPv6, which takes brackets to carry a port.
    if (colon !== -1 && s.indexOf(':', colon + 1) === -1) {
      if (!isPortSuffix(s.slice(colon))) return null;
      s = s.slice(0, colon);
    }
  }
  const family = net.isIP(s);
  if (family === 4) return s;
  if (family !== 6 || s.includes('%')) return null;
  // inet_ntop's form: compressed, lower-case, and a mapped address in dotted form whichever way it was written.
  const v6 = new net.SocketAddress({ address: s, family: 'ipv6' }).address;
  return v6.startsWith('::ffff:') && net.isIP(v6.slice(7)) === 4 ? v6.slice(7) : v6;
}

/** '' or ':<port>'. */
function isPortSuffix(s: string): boolean {
  if (s === '') return true;
  if (s[0] !== ':' || s.length < 2 || s.length > 6) return false;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
}

/** Adds `10.0.0.1`, `10.0.0.0/8`, `fd00::/8` or `::ffff:10.0.0.0/104`; false when the entry is none of these. */
function addEntry(list: net.BlockList, entry: string): boolean {
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = net.isIP(address);
  if (family === 0 || address.includes('%')) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (slash === -1) {
    list.addAddress(address, type);
    return true;
  }
  const bits = entry.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (bits.length === 0 || bits.length > 3 || [...bits].some((c) => c < '0' || c > '9') || Number(bits) > max) return false;
  list.addSubnet(address, Number(bits), type);
  return true;
}
