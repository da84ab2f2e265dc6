--[[
ingest_ack: acknowledges one item whose effect is committed (methods other
than publish), or moves a bad item to the dead-letter list and acknowledges
it in the same step. Runs with ingest_lib.lua prepended.

KEYS[1]  lease key
KEYS[2]  processing list (kind 'list') or the source stream (kind 'stream')
KEYS[3]  dead-letter list (LIST; newest at the left)

ARGV[1]  consumer id (must hold the lease)
ARGV[2]  'list' or 'stream'
ARGV[3]  the processing-list entry, or the stream entry ID
ARGV[4]  consumer group (kind 'stream')
ARGV[5]  dead-letter record (JSON), or '' to only acknowledge

Returns 1 when acknowledged, 0 when there was nothing to acknowledge, or the
error LEASE_LOST.
]]
local lease_key = KEYS[1]
local ack_key = KEYS[2]
local dead_key = KEYS[3]

local owner = ARGV[1]
local kind = ARGV[2]
local item = ARGV[3]
local group = ARGV[4]
local dead_letter = ARGV[5]

if not ingest_holds(lease_key, owner) then
  return redis.error_reply('LEASE_LOST')
end
if dead_letter ~= '' then
  redis.call('LPUSH', dead_key, dead_letter)
end
return ingest_ack(ack_key, kind, item, group)
