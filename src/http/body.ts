/**
 * Reading a request body with a size limit: a body over the limit is refused
 * (413) as soon as it passes it, and the rest is dropped, not buffered.
 */
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** Past the limit the rest of the body is read and dropped, up to this many times the limit, so the client can read the 413. */
const DISCARD_FACTOR = 16;

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        // A client that keeps sending far past the limit is cut off instead of being read any further.
        if (size > limit * DISCARD_FACTOR) req.destroy();
        return;
      }
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}
