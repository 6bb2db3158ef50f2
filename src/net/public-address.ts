// Which IP addresses a server may be talked into connecting to for a remote
// caller. Every spelling is normalised first: the URL parser already turns
// integer, hex and octal IPv4 (http://2130706433/, http://0x7f.1/) into dotted
// form; IPv6 forms that carry an IPv4 address (mapped ::ffff:, compatible ::,
// translated ::ffff:0:, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16) are judged by that
// IPv4 address.
import { BlockList, isIP } from 'node:net';

const NON_PUBLIC_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
];

const NON_PUBLIC_V6: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

function blockList(ranges: readonly [string, number, string][], type: 'ipv4' | 'ipv6'): { list: BlockList; kind: (a: string) => string | undefined } {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, type);
  return {
    list,
    kind: (address) => {
      for (const [network, prefix, kind] of ranges) {
        const one = new BlockList();
        one.addSubnet(network, prefix, type);
        if (one.check(address, type)) return kind;
      }
      return undefined;
    },
  };
}

const V4 = blockList(NON_PUBLIC_V4, 'ipv4');
const V6 = blockList(NON_PUBLIC_V6, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (an embedded dotted quad included), or undefined. */
export function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const b = quad.slice(1).map(Number);
    if (b.some((x) => x > 255)) return undefined;
    text = `${text.slice(0, quad.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

const dotted = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), e.g. "::ffff:7f00:1" → "127.0.0.1". */
export function embeddedIpv4(groups: readonly number[]): string | undefined {
  const [a, b, c, d, e, f, g, h] = groups as [number, number, number, number, number, number, number, number];
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && (f === 0xffff || f === 0)) return f === 0 && g === 0 && h <= 1 ? undefined : dotted(g, h);
  // IPv4-translated (SIIT), ::ffff:0:a.b.c.d.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) return dotted(g, h);
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return dotted(g, h);
  if (a === 0x64 && b === 0xff9b && c === 1) return dotted(g, h);
  if (a === 0x2002) return dotted(b, c);
  return undefined;
}

/** Why `address` must not be connected to for a remote caller ("loopback", "private"…), or undefined when it is public. */
export function nonPublicKind(address: string): string | undefined {
  const host = address.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (family === 4) return V4.list.check(host, 'ipv4') ? V4.kind(host) : undefined;
  const groups = ipv6Groups(host);
  if (!groups) return 'not an IP address';
  const v4 = embeddedIpv4(groups);
  if (v4) {
    const kind = V4.list.check(v4, 'ipv4') ? V4.kind(v4) : undefined;
    return kind ? `${kind}, as IPv6` : undefined;
  }
  const normal = groups.map((g) => g.toString(16)).join(':');
  return V6.list.check(normal, 'ipv6') ? V6.kind(normal) : undefined;
}
