/**
 * Settings that leave a server open, each with the sentence an operator
 * should read at start. The primary logs each once (workers would repeat it
 * per core), so a development setting carried into production is seen.
 */
import type { Config } from './schema';

export function insecureSettings(config: Config): string[] {
  const out: string[] = [];
  if (config.client.insecure) {
    out.push('client.insecure is on: anyone may connect without a token and use every channel (development only)');
  }
  if (config.api.insecure) out.push('api.insecure is on: the server API answers anyone without a key (development only)');
  const { hmac_secret, rsa_public_key, ecdsa_public_key, jwks_public_endpoint } = config.token;
  if (!config.client.insecure && !hmac_secret && !rsa_public_key && !ecdsa_public_key && !jwks_public_endpoint && !config.proxy.connect_endpoint) {
    out.push('no token key is set (token.hmac_secret, token.rsa_public_key, token.ecdsa_public_key or token.jwks_public_endpoint): every connection token is refused');
  }
  if (!config.api.insecure && !config.api.key) out.push('api.key is not set: the server API refuses every request (401)');
  if (config.grpc_api.enabled && !config.api.insecure && !config.grpc_api.key) out.push('grpc_api.key is not set: the GRPC API refuses every call (UNAUTHENTICATED)');
  return out;
}
