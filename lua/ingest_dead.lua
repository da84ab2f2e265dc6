--[[
ingest_dead: records dead letters once each where that cannot happen in the
script that acknowledges them (a Redis Cluster, where the dead-letter list is
in another slot than the queues, and several shards, which share that road).
The consumer calls it before acknowledging the items; a crash in between makes
the next consumer call it again for the same items, and a record whose item
is remembered in KEYS[2] is not pushed twice. An item is named
'<source>:<position>', which no other item shares.

KEYS[1]  dead-letter list (LIST; newest at the left)
KEYS[2]  items recorded lately (ZSET; member = item, score = when, ms by
         Redis's clock), in the list's slot ('{gyre.api.dead}.seen' on a
         Cluster)

ARGV[1]  how long an item is remembered, ms
ARGV[2], ARGV[3], …  item, record; item, record; …

Returns how many records were pushed.
]]
local dead_key = KEYS[1]
local seen_key = KEYS[2]
local ttl = tonumber(ARGV[1])

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', seen_key, '-inf', now - ttl)
local pushed = 0
for i = 2, #ARGV, 2 do
  if redis.call('ZADD', seen_key, 'NX', now, ARGV[i]) == 1 then
    redis.call('LPUSH', dead_key, ARGV[i + 1])
    pushed = pushed + 1
  end
end
redis.call('PEXPIRE', seen_key, ttl)
return pushed
