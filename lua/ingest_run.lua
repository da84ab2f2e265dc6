--[[
ingest_run: applies a run of consecutive queue items and acknowledges them,
in order, in one atomic step: a crash applies all of them or none, and an
item can never be applied without leaving its queue (it would be applied
again) or leave without being applied (it would be lost). The same holds
across a failover: a run is replicated as one unit with its acknowledgement,
so a promoted replica that lacks a run still has its items queued. Runs with
epoch_lib.lua, publish_lib.lua, ingest_apply_lib.lua and ingest_lib.lua
prepended; see ingest_lib.lua for the lease and cursor checks that come first.

An item is a publish or a dead letter (an item Gyre refused, recorded in the
dead-letter list as it leaves the queue). Other methods are applied by Gyre
and acknowledged with ingest_ack.lua.

The run comes packed in one MessagePack argument, channel keys included:
per-argument cost is most of what a client spends on a long command, and a
run's items mostly share their channels. This script touches the queue and
channel keys together, so it runs only where both are on one single Redis;
on a Redis Cluster or several shards ingest_channel.lua applies and
ingest_commit.lua acknowledges instead (see src/engine/redis/ingest-cross.ts).

KEYS[1]  lease key of the source
KEYS[2]  the source: list queue or stream
KEYS[3]  cursor key (kind 'list')
KEYS[4]  dead-letter list

ARGV[1]  consumer id (must hold the lease)
ARGV[2]  'list' or 'stream'
ARGV[3]  consumer group (kind 'stream')
ARGV[4]  the cursor this run starts at (see ingest_lib.lua)
ARGV[5]  MessagePack {channels, items}:
           channels[k] = {stream key, meta key, pub/sub channel, history size,
                          history ttl, meta ttl, candidate epoch, check
                          replication ID ('1'/'0', absent = '0')}
                          (as broker_publish.lua; history size '0' = none)
           items[i]    = {entry ID (stream) or '', k, Publication bytes,
                          idempotency result key, result ttl ('0' = none)}
                       | {entry ID or '', 0, dead-letter record}
ARGV[6]  optional: 'spublish' to publish with SPUBLISH (sharded pub/sub),
         'publish' or absent for PUBLISH (as broker_publish.lua's ARGV[9])

Returns {applied, error}: all items applied and acknowledged, {#items, ''};
or the first `applied` of them and the Redis error that stopped the next one,
which is neither applied nor acknowledged. Errors LEASE_LOST, STALE and
NOGROUP mean nothing was changed.
]]
local lease_key = KEYS[1]
local source_key = KEYS[2]
local cursor_key = KEYS[3]
local dead_key = KEYS[4]

local owner = ARGV[1]
local kind = ARGV[2]
local group = ARGV[3]

use_publish_command(ARGV[6])
local run = cmsgpack.unpack(ARGV[5])
local channels = run[1]
local items = run[2]

local refused = ingest_check(lease_key, owner, kind, source_key, cursor_key, group, ARGV[4], #items)
if refused then
  return refused
end

local batch = queued_batch()

local function apply(item)
  local k = item[2]
  if k == 0 then
    redis.call('LPUSH', dead_key, item[3])
    return
  end
  queued_publish(batch, channels[k], item[3], item[4], item[5])
end

local applied = 0
local failure = ''
local ids = {}
for i = 1, #items do
  local ok, err = pcall(apply, items[i])
  if not ok then
    failure = queued_error(err)
    break
  end
  applied = i
  ids[i] = items[i][1]
end

queued_finish(batch)
ingest_advance(kind, source_key, cursor_key, group, applied, ids)
return {applied, failure}
