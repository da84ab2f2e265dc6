/**
 * Login-attempt buckets in Redis (lua/admin_login.lua), so the admin login
 * rate holds for the whole deployment rather than per worker. While Redis
 * cannot answer, the worker's own buckets decide: a Redis outage neither
 * locks the admin out nor lifts the limit.
 */
import type Redis from 'ioredis';
import { type LoginLimiter, LoginThrottle, THROTTLE_BURST, THROTTLE_REFILL_MS } from '../../admin/auth';
import type { EngineFailures } from '../outage-log';

export class RedisLoginLimiter implements LoginLimiter {
  private readonly local = new LoginThrottle();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly failures: EngineFailures,
  ) {}

  async attempt(address: string): Promise<number> {
    try {
      return await this.redis.gyreAdminLogin(this.key(address), THROTTLE_BURST, THROTTLE_REFILL_MS);
    } catch (err) {
      this.failures.failed('admin_login', err);
      return this.local.attempt(address);
    }
  }

  async succeeded(address: string): Promise<void> {
    this.local.succeeded(address);
    await this.redis.del(this.key(address)).catch((err) => this.failures.failed('admin_login', err));
  }

  private key(address: string): string {
    return `${this.prefix}.admin.login.${address}`;
  }
}
