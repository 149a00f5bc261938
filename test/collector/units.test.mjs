import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../dist/collector/collector/canonical-json.js';
import { computeChainHash, GENESIS_HASH } from '../../dist/collector/collector/chain-hash.js';
import { clientAddress, parseProxyTrust, truncateIp } from '../../dist/collector/collector/client-address.js';
import { parseOriginList } from '../../dist/collector/collector/cors.js';
import { readEnvOptions } from '../../dist/collector/collector/env-options.js';
import { csvField } from '../../dist/collector/collector/export-format.js';
import { detectPersonalData } from '../../dist/collector/collector/personal-data.js';
import { createRateLimiter } from '../../dist/collector/collector/rate-limit.js';
import { retentionCutoff } from '../../dist/collector/collector/retention.js';
import { sha256 } from './helpers/fixtures.mjs';

describe('canonicalJson', () => {
  test('sorts keys at every level and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[true,null]},"b":1}');
  });
  test('same content, different key order → same hash', () => {
    assert.equal(sha256(canonicalJson({ x: 1, y: 2 })), sha256(canonicalJson({ y: 2, x: 1 })));
  });
  test('chain hash is sha256(prev + content)', () => {
    const content = sha256('a');
    assert.equal(computeChainHash(GENESIS_HASH, content), sha256(GENESIS_HASH + content));
  });
});

describe('personal data detection', () => {
  for (const value of ['anna@example.se', 'x first.last+tag@mail.example.com y', '10.0.0.1', 'https://shop.example/192.168.1.1/x', '2001:db8::1', '::ffff:10.1.2.3', 'fe80::1ff:fe23:4567:890a']) {
    test(`flags ${value}`, () => assert.ok(detectPersonalData(value)));
  }
  for (const value of ['https://shop.example/cart', 'https://medium.example/@user.name/post', 'http://localhost:8080/path', '2026-11-01', '0.1.0', 'sv-SE', '12:30:45', '1:2:3']) {
    test(`passes ${value}`, () => assert.equal(detectPersonalData(value), undefined));
  }
});

describe('truncateIp', () => {
  test('IPv4 to /24, IPv4-mapped too', () => {
    assert.equal(truncateIp('203.0.113.77'), '203.0.113.0/24');
    assert.equal(truncateIp('::ffff:203.0.113.77'), '203.0.113.0/24');
  });
  test('IPv6 to /48', () => {
    assert.equal(truncateIp('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
    assert.equal(truncateIp('2001:db8::1'), '2001:db8:0::/48');
  });
  test('garbage gives null', () => assert.equal(truncateIp('not-an-ip'), null));
});

describe('client address behind proxies', () => {
  const req = (peer, forwarded) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } });
  test('no trust: the socket peer, whatever the header says', () => {
    assert.equal(clientAddress(req('::ffff:198.51.100.4', '1.2.3.4'), false), '198.51.100.4');
  });
  test('trusted ranges: the rightmost hop no trusted proxy wrote', () => {
    const trust = parseProxyTrust('10.0.0.0/8, 127.0.0.1');
    assert.equal(clientAddress(req('127.0.0.1', 'spoofed, 203.0.113.9, 10.0.0.7'), trust), '203.0.113.9');
    assert.equal(clientAddress(req('127.0.0.1', ['spoofed', '203.0.113.9']), trust), '203.0.113.9', 'several headers are one list');
    assert.equal(clientAddress(req('198.51.100.4', '203.0.113.9'), trust), '198.51.100.4', 'an untrusted peer is the client');
    assert.equal(clientAddress(req('10.0.0.1', '10.0.0.2'), trust), '10.0.0.2', 'all trusted: the leftmost');
  });
  test('a hop count: the hop before the nearest n', () => {
    assert.equal(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.9'), 1), '203.0.113.9');
    assert.equal(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.9, 10.0.0.2'), 2), '203.0.113.9');
    assert.equal(clientAddress(req('10.0.0.1'), 1), '10.0.0.1');
  });
  test('SAMTYCKE_TRUST_PROXY is validated', () => {
    assert.equal(parseProxyTrust(''), false);
    assert.equal(parseProxyTrust('1'), 1);
    assert.deepEqual(parseProxyTrust('::1,10.0.0.0/8'), ['::1', '10.0.0.0/8']);
    assert.throws(() => parseProxyTrust('10.0.0.0/33'), /not an address or CIDR range/);
    assert.throws(() => parseProxyTrust('proxy.internal'), /not an address or CIDR range/);
  });
});

describe('rate limiter', () => {
  test('token bucket refills over time and reports the wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1 }, () => now);
    assert.equal(limiter.take('a'), 0);
    assert.equal(limiter.take('a'), 0);
    assert.equal(limiter.take('a'), 1);
    assert.equal(limiter.take('b'), 0, 'clients are independent');
    now += 1000;
    assert.equal(limiter.take('a'), 0);
  });
  test('memory stays bounded', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 100 }, () => 0);
    for (let i = 0; i < 1000; i += 1) limiter.take(`client-${i}`);
    assert.ok(limiter.size <= 100);
  });
});

describe('csvField', () => {
  test('quotes and neutralises formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField({ a: true }), '"{""a"":true}"');
    assert.equal(csvField(undefined), '');
  });
});

describe('configuration', () => {
  test('environment is validated with clear messages', () => {
    assert.throws(() => readEnvOptions({ SAMTYCKE_IP_MODE: 'full' }), /SAMTYCKE_IP_MODE must be "none" or "truncate"/);
    assert.throws(() => readEnvOptions({ SAMTYCKE_CORS_ORIGINS: 'not a url' }), /SAMTYCKE_CORS_ORIGINS/);
    assert.throws(() => readEnvOptions({ SAMTYCKE_RATE_BURST: 'lots' }), /SAMTYCKE_RATE_BURST/);
    const options = readEnvOptions({ SAMTYCKE_CORS_ORIGINS: 'https://a.example/, https://b.example:8443' });
    assert.deepEqual(options.corsOrigins, ['https://a.example', 'https://b.example:8443']);
    assert.equal(options.ipMode, 'none');
    assert.equal(options.retentionMonths, 19);
  });
  test('decision-cookie settings are validated', () => {
    assert.equal(readEnvOptions({}).decisionCookie, undefined);
    assert.deepEqual(readEnvOptions({ SAMTYCKE_DECISION_COOKIE: 'samtycke' }).decisionCookie, {
      name: 'samtycke',
      retentionDays: 182,
      path: '/',
      domain: undefined,
      sameSite: 'Lax',
      secure: 'auto',
    });
    assert.throws(() => readEnvOptions({ SAMTYCKE_DECISION_COOKIE: 'a b' }), /SAMTYCKE_DECISION_COOKIE must be a cookie name/);
    assert.throws(() => readEnvOptions({ SAMTYCKE_DECISION_COOKIE: 'samtycke', SAMTYCKE_DECISION_COOKIE_DAYS: '400' }), /1–395/);
    assert.throws(() => readEnvOptions({ SAMTYCKE_DECISION_COOKIE: 'samtycke', SAMTYCKE_DECISION_COOKIE_SAMESITE: 'None' }), /Lax or Strict/);
    assert.throws(() => readEnvOptions({ SAMTYCKE_CHECKPOINT_KEY_FILE: '/nonexistent/key' }), /cannot read/);
  });
  test('parseOriginList keeps "*"', () => assert.deepEqual(parseOriginList('*'), ['*']));
  test('retention cutoff is calendar months back', () => {
    assert.equal(retentionCutoff(new Date('2026-08-15T00:00:00Z'), 19).toISOString(), '2025-01-15T00:00:00.000Z');
  });
});
