// The SSRF guard's address table: every spelling of a non-public address is
// refused, public ones pass. Hosts go through the URL parser first, as in fetchPage.
import { describe, expect, it } from 'vitest';
import { nonPublicKind } from '../src/net/public-address.js';
import { fetchPage } from '../src/net/fetch-page.js';

/** The host as fetchPage sees it: after WHATWG URL parsing (integer, hex and octal IPv4 become dotted). */
const hostOf = (spelling: string): string => new URL(`http://${spelling}/`).hostname;

describe('nonPublicKind', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['127.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback, as IPv6'],
    ['[::ffff:7f00:1]', 'loopback, as IPv6'],
    ['[::ffff:0:7f00:1]', 'loopback, as IPv6'],
    ['[::127.0.0.1]', 'loopback, as IPv6'],
    ['[64:ff9b::127.0.0.1]', 'loopback, as IPv6'],
    ['[64:ff9b:1::a00:1]', 'private, as IPv6'],
    ['[2002:7f00:1::]', 'loopback, as IPv6'],
    ['[::]', 'unspecified'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved or broadcast'],
    ['255.255.255.255', 'reserved or broadcast'],
    ['[fc00::1]', 'unique local'],
    ['[fd12:3456::1]', 'unique local'],
    ['[fe80::1]', 'link-local'],
    ['[ff02::1]', 'multicast'],
    ['[::ffff:a9fe:a9fe]', 'link-local, as IPv6'],
  ];
  it.each(refused)('refuses %s (%s)', (spelling, kind) => {
    expect(nonPublicKind(hostOf(spelling))).toBe(kind);
  });

  const allowed = ['93.184.216.34', '8.8.8.8', '100.128.0.1', '172.32.0.1', '198.20.0.1', '192.0.3.1', '[2606:4700::1111]', '[::ffff:8.8.8.8]', '[64:ff9b::8.8.8.8]'];
  it.each(allowed)('allows %s', (spelling) => {
    expect(nonPublicKind(hostOf(spelling))).toBeUndefined();
  });

  it('refuses a non-public address in fetchPage before any connection is tried', async () => {
    await expect(fetchPage('http://[::ffff:0:7f00:1]:9/', { publicOnly: true })).rejects.toThrow(/local or private address/);
    await expect(fetchPage('http://2130706433:9/', { publicOnly: true })).rejects.toThrow(/loopback/);
  });
});
