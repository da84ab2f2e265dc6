--[[
ingest_lease: takes or renews the lease on one queue or stream. One consumer
(a worker of some server) holds it; while it does, nobody else consumes, so
items take effect in order. A holder that dies stops renewing and the lease
expires after ARGV[2] ms.

KEYS[1]  lease key (STRING; the holder's id)

ARGV[1]  consumer id asking for it
ARGV[2]  lease time, milliseconds; '0' releases the lease if the caller holds
         it (a worker stopping cleanly, so the next holder need not wait)

Returns 1 when the caller holds the lease now (taken or renewed), 0 when
another consumer holds it or it was released.
]]
local lease_key = KEYS[1]
local owner = ARGV[1]
local ttl_ms = ARGV[2]

local holder = redis.call('GET', lease_key)
if ttl_ms == '0' then
  if holder == owner then
    redis.call('DEL', lease_key)
  end
  return 0
end
if not holder then
  redis.call('SET', lease_key, owner, 'PX', ttl_ms)
  return 1
end
if holder == owner then
  redis.call('PEXPIRE', lease_key, ttl_ms)
  return 1
end
return 0
