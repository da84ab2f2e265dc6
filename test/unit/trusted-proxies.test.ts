/** The client address behind trusted proxies: lists of addresses and ranges, both headers, the right-most rule, bounds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalIp, MAX_FORWARDED_CHARS, TrustedProxies } from '../../src/http/trusted-proxies';

describe('TrustedProxies', () => {
  it('accepts IPv4 and IPv6 addresses and CIDR ranges, IPv4-mapped IPv6 either side, and refuses anything else', () => {
    const p = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1', ' 192.168.1.0/24 ', '::ffff:172.16.0.0/108']);
    for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '10.255.0.1', '::ffff:10.1.2.3', 'fd12:3456::1', '::1', '0:0:0:0:0:0:0:1', '192.168.1.77', '172.16.3.4', '::ffff:172.16.3.4']) {
      assert.ok(p.trusts(a), a);
    }
    for (const a of ['127.0.0.2', '11.0.0.1', 'fe80::1', '::2', '192.168.2.1', '172.32.0.1', 'localhost', '', 'fd00::1%eth0']) assert.equal(p.trusts(a), false, a);
    for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/ 8', '10.0.0', 'nope', '*', '', 'fe80::1%eth0', '10.0.0.01', '1.2.3.4:80']) {
      assert.throws(() => new TrustedProxies([bad]), new RegExp(`"${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is not an IP address or CIDR range`), bad);
    }
  });

  it('uses the peer when it is not trusted or nothing is, whatever the headers say', () => {
    assert.equal(new TrustedProxies([]).clientAddress('127.0.0.1', '203.0.113.9', 'x-forwarded-for'), '127.0.0.1');
    const p = new TrustedProxies(['10.0.0.0/8']);
    assert.equal(p.clientAddress('198.51.100.1', '203.0.113.9', 'x-forwarded-for'), '198.51.100.1');
    assert.equal(p.clientAddress('::ffff:198.51.100.1', undefined, 'x-forwarded-for'), '198.51.100.1', 'a mapped peer is its IPv4 address');
    assert.equal(p.clientAddress('10.0.0.5', undefined, 'x-forwarded-for'), '10.0.0.5', 'a trusted peer without the header');
    assert.equal(p.clientAddress(undefined, '203.0.113.9', 'x-forwarded-for'), '', 'a closed socket has no peer');
  });

  it('X-Forwarded-For: the right-most address that is not a trusted proxy; the client-written part is never read', () => {
    const p = new TrustedProxies(['10.0.0.0/8', '::1']);
    const from = (xff: string) => p.clientAddress('::ffff:10.0.0.2', xff, 'x-forwarded-for');
    assert.equal(from('203.0.113.9'), '203.0.113.9');
    assert.equal(from('198.51.100.1, 203.0.113.9'), '203.0.113.9', 'a spoofed left part is ignored');
    assert.equal(from('198.51.100.1,203.0.113.9, 10.1.1.1,10.0.0.3'), '203.0.113.9', 'through a chain of trusted proxies');
    assert.equal(from('garbage, 203.0.113.9'), '203.0.113.9');
    assert.equal(from('203.0.113.9:4711'), '203.0.113.9', 'with a port');
    assert.equal(from('[2001:DB8::17]:4711'), '2001:db8::17', 'bracketed IPv6 with a port, canonical');
    assert.equal(from('2001:0db8:0:0::17'), '2001:db8::17');
    assert.equal(from('::ffff:203.0.113.9'), '203.0.113.9', 'IPv4-mapped');
    assert.equal(from('10.9.9.9, ::1'), '10.9.9.9', 'all trusted: the left-most');
    assert.equal(from('unknown'), '10.0.0.2', 'not an address: the peer');
    assert.equal(from('203.0.113.9, unknown'), '10.0.0.2', 'what a trusted proxy wrote is not an address: the peer, not the client-written part');
    assert.equal(from(''), '10.0.0.2');
    assert.equal(p.clientAddress('10.0.0.2', ['203.0.113.9'], 'x-forwarded-for'), '10.0.0.2', 'not a joined header');
  });

  it('Forwarded (RFC 7239): the for= of the right-most element that is not a trusted proxy; X-Forwarded-For is another header', () => {
    const p = new TrustedProxies(['127.0.0.1', '10.0.0.0/8']);
    const from = (h: string) => p.clientAddress('127.0.0.1', h, 'forwarded');
    assert.equal(from('for=192.0.2.60;proto=http;by=203.0.113.43'), '192.0.2.60');
    assert.equal(from('For="[2001:db8:cafe::17]:4711"'), '2001:db8:cafe::17');
    assert.equal(from('for=198.51.100.1, for=192.0.2.43, for="10.0.0.9:80";proto=https'), '192.0.2.43');
    assert.equal(from('proto=https; for = 192.0.2.43 ;by=10.0.0.1'), '192.0.2.43', 'parameters in any order, spaces around');
    assert.equal(from('for="192.0.2.43, for=10.0.0.1'), '127.0.0.1', 'a broken element: the peer');
    assert.equal(from('for=unknown'), '127.0.0.1');
    assert.equal(from('for=_hidden'), '127.0.0.1');
    assert.equal(from('proto=https'), '127.0.0.1');
  });

  it('reads only the end of a long header, quickly, and still finds the client there', () => {
    const p = new TrustedProxies(['10.0.0.0/8']);
    const spoofed = Array.from({ length: 20_000 }, (_, i) => `192.0.${i >> 8 & 255}.${i & 255}`).join(', ');
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) assert.equal(p.clientAddress('10.0.0.2', `${spoofed}, 203.0.113.9, 10.0.0.7`, 'x-forwarded-for'), '203.0.113.9');
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500, 'bounded work');
    // A header of trusted entries longer than the bound: the left-most complete one it reads, never a cut one.
    const trusted = Array.from({ length: 200 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(',');
    assert.ok(trusted.length > MAX_FORWARDED_CHARS);
    const got = p.clientAddress('10.0.0.2', trusted, 'x-forwarded-for');
    const entries = trusted.split(',');
    const at = entries.indexOf(got);
    assert.ok(at > 0, got);
    assert.ok(entries.slice(at).join(',').length <= MAX_FORWARDED_CHARS, 'within the bound');
    assert.ok(entries.slice(at - 1).join(',').length > MAX_FORWARDED_CHARS, 'the entry left of it was cut');
  });

  it('canonicalIp', () => {
    assert.equal(canonicalIp('::FFFF:7F00:1'), '127.0.0.1');
    assert.equal(canonicalIp('[::1]'), '::1');
    assert.equal(canonicalIp('[::1]:'), null);
    assert.equal(canonicalIp('1.2.3.4:123456'), null);
    assert.equal(canonicalIp('1.2.3.4:8a'), null);
    assert.equal(canonicalIp('[::1'), null);
    assert.equal(canonicalIp('example.com'), null);
  });
});
