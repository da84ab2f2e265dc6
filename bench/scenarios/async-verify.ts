/**
 * Mode (b) of the token benches: the signature checked by crypto.verify with a
 * callback (on libuv's thread pool), then the claims these benches use (exp,
 * aud). Shared by bench/token-verify.ts and bench/token-storm-server.ts.
 */
import { constants, type KeyObject, verify as cryptoVerify } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { SignatureChecker, SignatureJob, SignatureResult } from '../../src/auth/signature-task';

export class AsyncCryptoChecker implements SignatureChecker {
  check(job: SignatureJob, key: KeyObject): Promise<SignatureResult> {
    const [h = '', p = '', s = ''] = job.token.split('.');
    const alg = String(jwt.decode(job.token, { complete: true })?.header.alg ?? '');
    const keyInput = alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' as const } : { key, padding: constants.RSA_PKCS1_PADDING };
    return new Promise((resolve) =>
      cryptoVerify(`sha${alg.slice(2)}`, Buffer.from(`${h}.${p}`), keyInput, Buffer.from(s, 'base64url'), (err, ok) => {
        if (err || !ok) return resolve({ error: 'invalid', message: 'invalid signature' });
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as jwt.JwtPayload;
        if (typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now()) return resolve({ error: 'expired', message: 'jwt expired' });
        if (job.audience && payload.aud !== job.audience) return resolve({ error: 'invalid', message: 'jwt audience invalid' });
        resolve({ payload });
      }),
    );
  }

  async close(): Promise<void> {}
}
