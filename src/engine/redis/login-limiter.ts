/**
 * Login-attempt buckets in Redis (lua/admin_login.lua), so the admin login
 * rate holds for the whole deployment rather than per worker. While Redis
 * cannot answer, the worker's own buckets decide: a Redis outage neither
 * locks the admin out nor lifts the limit.
 */
import { type LoginLimiter, LoginThrottle, THROTTLE_BURST, THROTTLE_REFILL_MS } from '../../admin/auth';
import type { RedisShards } from './shards';

export class RedisLoginLimiter implements LoginLimiter {
  private readonly local = new LoginThrottle();

  constructor(
    private readonly shards: RedisShards,
    private readonly prefix: string,
  ) {}

  async attempt(address: string): Promise<number> {
    try {
      const key = this.key(address);
      return await this.shards.of(key).conn.command.gyreAdminLogin(key, THROTTLE_BURST, THROTTLE_REFILL_MS);
    } catch (err) {
      this.shards.failed('admin_login', err);
      return this.local.attempt(address);
    }
  }

  async succeeded(address: string): Promise<void> {
    this.local.succeeded(address);
    const key = this.key(address);
    await this.shards.of(key).conn.command.del(key).catch((err) => this.shards.failed('admin_login', err));
  }

  private key(address: string): string {
    return `${this.prefix}.admin.login.${address}`;
  }
}
