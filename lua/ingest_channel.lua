--[[
ingest_channel: applies the publications of one run of a queue to ONE
channel, in queue order, on the Redis (the Cluster slot) holding the channel.
It serves where the queue and the channel are not on one single Redis (a
Redis Cluster, or several shards), so applying and acknowledging cannot be
one script: the consumer acknowledges the run in the queue's slot afterwards
(ingest_commit.lua), and a crash in between makes the next consumer send the
same items again. This script skips them: per source, the channel keeps the
position of the last item of that source it applied (the watermark, KEYS[1]),
and an item at or below it was applied already. That holds because positions
only grow along a source (list: items ever pushed before it, counted from the
cursor; stream: entry IDs) and a channel receives a source's items in queue
order, whoever sends them (src/engine/redis/ingest-cross.ts): one call per
channel per run, a run only once the runs before it are applied, and this
script stops at the first item it cannot apply. So each item is applied once,
in order, even when a deposed consumer still sends what its successor sends.

Runs with epoch_lib.lua, publish_lib.lua and ingest_apply_lib.lua prepended.

KEYS[1]  watermark (HASH; field = source, value = position of the last item
         of that source applied to this channel)
KEYS[2]  the channel's stream key (history)
KEYS[3]  the channel's meta key

ARGV[1]  source: list queue or stream name (the watermark's field)
ARGV[2]  'list' (positions are whole numbers) or 'stream' (entry IDs)
ARGV[3]  watermark ttl, seconds (refreshed by every call)
ARGV[4]  MessagePack {pub/sub channel, history size, history ttl, meta ttl,
                      candidate epoch, items, check replication ID ('1' on
                      a Sentinel or Cluster shard, see epoch_lib.lua;
                      absent = '0')}
           items[i] = {position, Publication bytes, keeps history (1 or 0),
                       idempotency result key, result ttl ('0' = none)}
ARGV[5]  optional: 'spublish' to publish with SPUBLISH (sharded pub/sub),
         'publish' or absent for PUBLISH (as broker_publish.lua's ARGV[9])

Returns {done, error}: the first `done` items are applied (now, or by an
earlier call); `error` is '' when that is all of them, else the Redis error
that stopped item done + 1, which is not applied, nor is any after it.
]]
local watermark_key = KEYS[1]
local stream_key = KEYS[2]
local meta_key = KEYS[3]

local source = ARGV[1]
local kind = ARGV[2]
local watermark_ttl = ARGV[3]

use_publish_command(ARGV[5])
local run = cmsgpack.unpack(ARGV[4])
local items = run[6]
local with_history = {stream_key, meta_key, run[1], run[2], run[3], run[4], run[5], run[7]}
local without_history = {stream_key, meta_key, run[1], '0', '0', run[4], run[5], run[7]}

-- Whether position a comes after position b (both of `kind`).
local function after(a, b)
  if kind == 'list' then
    return tonumber(a) > tonumber(b)
  end
  local a_ms, a_seq = string.match(a, '^(%d+)-(%d+)$')
  local b_ms, b_seq = string.match(b, '^(%d+)-(%d+)$')
  if a_ms ~= b_ms then
    return tonumber(a_ms) > tonumber(b_ms)
  end
  return tonumber(a_seq) > tonumber(b_seq)
end

local ok, mark = pcall(redis.call, 'HGET', watermark_key, source)
if not ok then
  -- The watermark key holds another type: like a broken history key, no retry cures it.
  return {0, queued_error(mark)}
end

local batch = queued_batch()
local done = 0
local failure = ''
local last = false
for i = 1, #items do
  local item = items[i]
  if not mark or after(item[1], mark) then
    local ch = item[3] == 1 and with_history or without_history
    local applied, err = pcall(queued_publish, batch, ch, item[2], item[4], item[5])
    if not applied then
      failure = queued_error(err)
      break
    end
    last = item[1]
  end
  done = i
end

queued_finish(batch)
if last then
  redis.call('HSET', watermark_key, source, last)
  redis.call('EXPIRE', watermark_key, watermark_ttl)
end
return {done, failure}
