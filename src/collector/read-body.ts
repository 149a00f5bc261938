import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-response.js';

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/**
 * Reads a request body up to `limit` bytes. Refuses early on a too-large Content-Length and
 * stops reading as soon as the limit is crossed (413).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge(limit));
        req.pause();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (error) => finish(new HttpError(400, 'bad_request', `could not read the body: ${error.message}`)));
    req.once('aborted', () => finish(new HttpError(400, 'bad_request', 'the request was aborted')));
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `the body is larger than ${Math.round(limit / 1024)} KB`, {
    connection: 'close',
  });
}

/** Accepts JSON as application/json or text/plain (what `navigator.sendBeacon` sends for a string). */
export function assertJsonContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new HttpError(415, 'unsupported_media_type', `expected Content-Type application/json, got ${type || 'none'}`);
  }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
