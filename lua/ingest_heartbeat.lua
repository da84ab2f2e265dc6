--[[
ingest_heartbeat: registers a queue-consuming worker as alive and counts the
live ones, so that leases can be shared fairly among them (src/ingest/ingest.ts).
Times come from Redis's clock, so servers with skewed clocks agree.

KEYS[1]  registry (ZSET; member = consumer id, score = last heartbeat, ms)

ARGV[1]  consumer id
ARGV[2]  how long a heartbeat counts, ms; '0' removes the consumer (a clean stop)

Returns the number of live consumers (this one included unless it left).
]]
local key = KEYS[1]
local owner = ARGV[1]
local ttl = tonumber(ARGV[2])

if ttl == 0 then
  redis.call('ZREM', key, owner)
  return redis.call('ZCARD', key)
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', key, now, owner)
-- Consumers that stopped beating (dead workers) no longer count.
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ttl)
redis.call('PEXPIRE', key, ttl * 10)
return redis.call('ZCARD', key)
