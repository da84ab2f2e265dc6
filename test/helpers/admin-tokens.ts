/**
 * Other spellings of an admin token's signature that decode to the same bytes
 * (Node's base64url decoder takes all of them): the server must refuse each.
 * All four exist only when the signature has a '-' or '_'.
 */
export function respellings(token: string): [string, string][] {
  const dot = token.indexOf('.');
  const payload = token.slice(0, dot);
  const sig = token.slice(dot + 1);
  const bytes = Buffer.from(sig, 'base64url');
  const standard = bytes.toString('base64');
  // 32 bytes take 43 characters, the last carrying 4 bits and 2 unused ones: setting one changes the text, not the bytes.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(sig[sig.length - 1]!);
  const altered = `${sig.slice(0, -1)}${alphabet[last | 1]}`;
  if (Buffer.compare(Buffer.from(altered, 'base64url'), bytes) !== 0) throw new Error('the altered signature should decode to the same bytes');
  const cases: [string, string][] = [
    ['standard base64 with padding', standard],
    ['standard base64 without padding', standard.replace(/=+$/, '')],
    ['base64url with = padding', `${sig}=`],
    ['other trailing bits', altered],
  ];
  // Without '-' or '_' in the signature, unpadded standard base64 is the same text: not another spelling.
  return cases.filter(([, s]) => s !== sig).map(([what, s]) => [what, `${payload}.${s}`]);
}
