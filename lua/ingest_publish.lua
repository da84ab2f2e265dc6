--[[
ingest_publish: a publish from a Redis queue or stream together with the
acknowledgement of the item that asked for it, in one atomic step, so a
crash can never leave an item applied but unacknowledged (it would be
applied again) or acknowledged but unapplied (it would be lost). The lease
is checked first: a consumer that lost it changes nothing. Runs with
publish_lib.lua and ingest_lib.lua prepended.

KEYS[1..3]  as broker_publish.lua: stream, meta, idempotency result
KEYS[4]     lease key of the queue or stream the item came from
KEYS[5]     processing list (kind 'list') or the source stream (kind 'stream')

ARGV[1..7]  as broker_publish.lua
ARGV[8]     consumer id (must hold the lease)
ARGV[9]     'list' or 'stream'
ARGV[10]    the processing-list entry, or the stream entry ID
ARGV[11]    consumer group (kind 'stream')

Returns broker_publish.lua's reply; {0, '', 1} (suppressed) when the item was
already acknowledged, i.e. applied by an earlier try whose reply was lost; or
the error LEASE_LOST.
]]
local stream_key = KEYS[1]
local meta_key = KEYS[2]
local result_key = KEYS[3]
local lease_key = KEYS[4]
local ack_key = KEYS[5]

local owner = ARGV[8]
local kind = ARGV[9]
local item = ARGV[10]
local group = ARGV[11]

if not ingest_holds(lease_key, owner) then
  return redis.error_reply('LEASE_LOST')
end
if not ingest_pending(ack_key, kind, item, group) then
  return {0, '', 1}
end
local reply = publish(stream_key, meta_key, result_key, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
ingest_ack(ack_key, kind, item, group)
return reply
