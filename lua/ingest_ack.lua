--[[
ingest_ack: acknowledges the oldest unapplied item of a source once its
effect is committed (a method other than publish, applied by Gyre), or
moves it to the dead-letter list and acknowledges it in the same step. Runs
with ingest_lib.lua prepended; see it for the lease and cursor checks.

KEYS[1]  lease key
KEYS[2]  the source: list queue or stream
KEYS[3]  cursor key (kind 'list')
KEYS[4]  dead-letter list (LIST; newest at the left)

ARGV[1]  consumer id (must hold the lease)
ARGV[2]  'list' or 'stream'
ARGV[3]  consumer group (kind 'stream')
ARGV[4]  the cursor before this item
ARGV[5]  the item's stream entry ID (kind 'stream'), or ''
ARGV[6]  dead-letter record (JSON), or '' to only acknowledge

Returns 1, or the error LEASE_LOST, STALE or NOGROUP (nothing changed).
]]
local lease_key = KEYS[1]
local source_key = KEYS[2]
local cursor_key = KEYS[3]
local dead_key = KEYS[4]

local owner = ARGV[1]
local kind = ARGV[2]
local group = ARGV[3]
local dead_letter = ARGV[6]

local refused = ingest_check(lease_key, owner, kind, source_key, cursor_key, group, ARGV[4], 1)
if refused then
  return refused
end
if dead_letter ~= '' then
  redis.call('LPUSH', dead_key, dead_letter)
end
ingest_advance(kind, source_key, cursor_key, group, 1, {ARGV[5]})
return 1
