--[[
admin_login: one login attempt of a client address, against its token bucket
shared by every worker and server on this Redis (src/admin/auth.ts keeps the
same buckets in process when Redis cannot answer). The bucket holds BURST
attempts and earns one back every REFILL ms by Redis's clock. The attempt is
spent here, with the check, before the password is compared: concurrent
guesses cannot all pass a check made before any of them failed.

KEYS[1]  the address's bucket (HASH tokens, at; expires once full again)

ARGV[1]  BURST
ARGV[2]  REFILL (ms)

Returns 0 when an attempt was spent (the password may be compared), else the
milliseconds until the address has one (nothing spent).
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) / refill)
if tokens < 1 then
  return math.ceil((1 - tokens) * refill)
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * refill))
return 0
