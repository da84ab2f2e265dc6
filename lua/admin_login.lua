--[[
admin_login: the failed-login token bucket of one client address, shared by
every worker and server on this Redis (see src/admin/auth.ts for the local
one it stands in for). The bucket holds BURST attempts and earns one back
every REFILL ms; Redis's clock is the only clock, so servers never disagree.

KEYS[1]  the address's bucket (HASH tokens, at; expires once full again)

ARGV[1]  'check' (how long to wait) or 'fail' (spend one attempt, then the same)
ARGV[2]  BURST
ARGV[3]  REFILL (ms)

Returns the milliseconds the address must wait before its next attempt (0 = may try now).
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[2])
local refill = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) / refill)
if ARGV[1] == 'fail' then
  tokens = math.max(0, tokens - 1)
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * refill))
end
if tokens >= 1 then
  return 0
end
return math.ceil((1 - tokens) * refill)
