--[[
ingest_commit: acknowledges the `n` oldest unapplied items of a source whose
effects are already committed elsewhere: on a Redis Cluster or several
shards, where ingest_channel.lua applied the publications on the channels'
own slots and ingest_dead.lua recorded the dead letters. It touches the
source's slot only: the lease, the source and the cursor key (on a Cluster
those take the queue as hash tag, `{gyre.api}.lease`, so they share its
slot). Runs with ingest_lib.lua prepended; see it for the lease and cursor
checks.

KEYS[1]  lease key
KEYS[2]  the source: list queue or stream
KEYS[3]  cursor key (kind 'list')

ARGV[1]  consumer id (must hold the lease)
ARGV[2]  'list' or 'stream'
ARGV[3]  consumer group (kind 'stream')
ARGV[4]  the cursor before these items
ARGV[5]  n, how many items
ARGV[6…] their stream entry IDs, oldest first (kind 'stream')

Returns 1, or the error LEASE_LOST, STALE or NOGROUP (nothing changed).
]]
local lease_key = KEYS[1]
local source_key = KEYS[2]
local cursor_key = KEYS[3]

local kind = ARGV[2]
local group = ARGV[3]
local n = tonumber(ARGV[5])

local refused = ingest_check(lease_key, ARGV[1], kind, source_key, cursor_key, group, ARGV[4], n)
if refused then
  return refused
end
ingest_advance(kind, source_key, cursor_key, group, n, {unpack(ARGV, 6)})
return 1
