import { createHash, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bin/samtycke.js', import.meta.url));
export const TEXT = 'We use cookies for analytics and marketing. Reject all / Accept all / Customise.';

export function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A valid proof record; override any field. */
export function makeRecord(overrides = {}) {
  return {
    recordId: randomUUID(),
    consentId: randomUUID(),
    action: 'accept',
    choices: { analytics: true, marketing: false },
    revision: '2026-11-01',
    locale: 'sv-SE',
    textHash: sha256(TEXT),
    gpc: false,
    page: 'https://shop.example/products/shoes',
    timestamp: new Date().toISOString(),
    layer: 'banner',
    control: 'accept-all',
    userActivation: true,
    libraryVersion: '0.1.0',
    ...overrides,
  };
}

/** POSTs JSON (or a raw string) to the collector and returns { status, headers, body }. */
export async function post(base, body, { headers = {}, raw = false } = {}) {
  const response = await fetch(`${base}/v1/proofs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: json, text };
}

/** Runs the CLI and resolves with { code, stdout, stderr }. */
export async function runCli(args, env = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

/**
 * Spawns `samtycke serve --port 0` and resolves once it prints its address
 * (no sleeps: waits for the line). Returns { child, base, exited }.
 */
export async function spawnCollector(args, env = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, SAMTYCKE_RATE_BURST: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`collector exited with ${code} before listening: ${stderr}`)));
  });
  child.stdout.resume();
  return { child, base, exited };
}

/** A valid leak report, as the sentinel sends it; override any field. */
export function makeReport(overrides = {}) {
  return {
    type: 'leak',
    recordId: randomUUID(),
    consentId: randomUUID(),
    detectedAt: new Date().toISOString(),
    fieldKind: 'email',
    field: 'email',
    form: 'normalised',
    encoding: 'sha256',
    host: 'pixel.example',
    service: 'meta-pixel',
    category: 'marketing',
    requestKind: 'image',
    blocked: false,
    decided: true,
    granted: true,
    page: 'https://shop.example/newsletter',
    operatorType: 'other',
    libraryVersion: '0.1.0',
    ...overrides,
  };
}

/** POSTs leak reports to `/v1/leaks` and returns { status, body, text }. */
export async function postLeaks(base, body, headers = {}) {
  const response = await fetch(`${base}/v1/leaks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json, text };
}
