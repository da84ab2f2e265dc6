--[[
broker_publish_many: the publications a worker started in one turn on one
Redis (one slot of a Cluster), each published exactly as broker_publish.lua
publishes one, in order. A client spends most of a short command's cost on
the command itself (its object, its promise, encoding each argument, decoding
its reply), so one call for many publications is what lets a batch publish at
the rate Redis allows (see src/engine/redis/publish-batch.ts).

Each publication is independent, as if sent alone: one that fails (a key of
the wrong type, OOM) is answered with its error, and the others still run.

KEYS[1]  the first publication's stream key: what a Cluster routes the call
         by; every key below hashes to its slot (the caller groups by slot)

ARGV[1]  MessagePack array of publications, each {stream key, meta key,
         idempotency result key, Publication bytes, history size, history
         ttl, pub/sub channel, meta ttl, candidate epoch, result ttl}: the
         KEYS and ARGV of broker_publish.lua, in its order, all as strings
ARGV[2]  '1': check the replication ID (as broker_publish.lua's ARGV[8])
ARGV[3]  'spublish' or 'publish' (as broker_publish.lua's ARGV[9])

Returns a flat array, three entries per publication in order: broker_publish's
{offset, epoch, suppressed}, or {-1, error message, 0} for one that failed.
]]
use_publish_command(ARGV[3])
local check_replid = ARGV[2]
local items = cmsgpack.unpack(ARGV[1])

local out = {}
for i = 1, #items do
  local p = items[i]
  local ok, res = pcall(publish, p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], check_replid)
  local at = (i - 1) * 3
  if ok then
    out[at + 1] = res[1]
    out[at + 2] = res[2]
    out[at + 3] = res[3]
  else
    out[at + 1] = -1
    out[at + 2] = type(res) == 'table' and (res.err or 'ERR error') or tostring(res)
    out[at + 3] = 0
  end
end
return out
