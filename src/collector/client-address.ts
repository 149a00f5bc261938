import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Which proxies in front of the collector are trusted to append to X-Forwarded-For: none
 * (`false`), the nearest `n` hops (a number; `true` is 1), or those whose address is in a list of
 * addresses and CIDR ranges (`['10.0.0.0/8', '::1']`).
 */
export type ProxyTrust = boolean | number | readonly string[];

function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/**
 * Parses SAMTYCKE_TRUST_PROXY: empty or `0` none, `1`/`true` the nearest hop, a whole number
 * that many hops, otherwise a comma-separated list of addresses and CIDR ranges.
 * @throws Error naming an entry that is neither
 */
export function parseProxyTrust(value: string | undefined): ProxyTrust {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
    if (!max || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))) {
      throw new Error(`SAMTYCKE_TRUST_PROXY: "${entry}" is not an address or CIDR range`);
    }
  }
  return entries;
}

function trustedList(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const plain = unmapped(address);
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    return isIPv6(plain) && list.check(plain, 'ipv6');
  };
}

/**
 * The client's address. Behind trusted proxies it is the rightmost X-Forwarded-For hop that no
 * trusted proxy could have written: walking from the socket peer leftwards, each trusted hop
 * vouches for the one before it, and the first hop not trusted is the client. The leftmost entries
 * are whatever the client wrote and are never taken on their own word.
 *
 * @example // peer 10.0.0.2 (trusted), X-Forwarded-For: "6.6.6.6, 203.0.113.9"
 * clientAddress(req, ['10.0.0.0/8']) // '203.0.113.9'
 */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust = false): string {
  const peer = unmapped(req.socket.remoteAddress ?? 'unknown');
  if (trust === false || trust === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hops = [...forwarded, peer];
  if (typeof trust === 'number' || trust === true) {
    // The nearest n hops are proxies: the client is the hop just before them.
    const proxies = trust === true ? 1 : trust;
    return unmapped(hops[Math.max(0, hops.length - 1 - proxies)]!);
  }
  const trusted = trustedList(trust);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!trusted(hops[index]!)) return unmapped(hops[index]!);
  }
  return unmapped(hops[0]!);
}

/**
 * Truncates an address to its network: IPv4 to /24, IPv6 to /48 (RULES.md R32).
 * IPv4-mapped IPv6 addresses are treated as IPv4. Anything else yields null.
 */
export function truncateIp(address: string): string | null {
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(mapped)) {
    const parts = mapped.split('.');
    return `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
  }
  if (isIPv6(address)) {
    const groups = expandIPv6(address);
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return null;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = address.includes('::') ? [...left, ...Array<string>(missing).fill('0'), ...right] : left;
  return groups.map((group) => (parseInt(group, 16) || 0).toString(16));
}
