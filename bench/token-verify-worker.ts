/**
 * The piscina worker of bench/token-verify.ts: verifies a batch of tokens
 * with jsonwebtoken against one public key and answers, per token, its `sub`
 * or null when it does not verify.
 */
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

const keys = new Map<string, ReturnType<typeof createPublicKey>>();

export default function verifyBatch(task: { pem: string; algorithms: jwt.Algorithm[]; tokens: string[] }): (string | null)[] {
  let key = keys.get(task.pem);
  if (!key) keys.set(task.pem, (key = createPublicKey(task.pem)));
  return task.tokens.map((t) => {
    try {
      return String((jwt.verify(t, key!, { algorithms: task.algorithms }) as jwt.JwtPayload).sub);
    } catch {
      return null;
    }
  });
}
