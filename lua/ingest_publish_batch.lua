--[[
ingest_publish_batch: ingest_publish.lua for a run of queued publishes in one
call. The lease is checked once, then each item, in order, is published and
acknowledged — or skipped when no longer pending (already applied by an
earlier try whose reply was lost). Atomic for the whole run, so a crash
applies all of it or none. Runs with publish_lib.lua and ingest_lib.lua
prepended. Keys vary with the number of items (ioredis passes numkeys).

KEYS[1]          lease key of the queue or stream
KEYS[2]          processing list (kind 'list') or the source stream (kind 'stream')
KEYS[3i..3i+2]   for item i (1-based): its channel's stream, meta and idempotency result keys

ARGV[1]          consumer id (must hold the lease)
ARGV[2]          'list' or 'stream'
ARGV[3]          consumer group (kind 'stream')
ARGV[4+8(i-1) ..] for item i, 8 values: Publication bytes, history size, history ttl,
                 pub/sub channel, meta ttl, candidate epoch, result ttl (as broker_publish.lua),
                 and the processing-list entry or stream entry ID to acknowledge

Returns one {offset, epoch, suppressed} per item, in order, or the error LEASE_LOST.
]]
local lease_key = KEYS[1]
local ack_key = KEYS[2]

local owner = ARGV[1]
local kind = ARGV[2]
local group = ARGV[3]

if not ingest_holds(lease_key, owner) then
  return redis.error_reply('LEASE_LOST')
end

local replies = {}
local items = (#KEYS - 2) / 3
for i = 1, items do
  local k = 3 * i
  local a = 4 + 8 * (i - 1)
  local item = ARGV[a + 7]
  if ingest_pending(ack_key, kind, item, group) then
    replies[i] = publish(KEYS[k], KEYS[k + 1], KEYS[k + 2], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6])
    ingest_ack(ack_key, kind, item, group)
  else
    replies[i] = {0, '', 1}
  end
end
return replies
