--[[
ingest_apply_lib: applying queued publications, shared by ingest_run.lua (a
run of a queue on a single Redis) and ingest_channel.lua (the publications of
a run to one channel, on the channel's own Redis or Cluster slot). The loader
(src/engine/redis/scripts.ts) prepends it after epoch_lib.lua and
publish_lib.lua, whose functions it calls.

A channel is a table {stream key, meta key, pub/sub channel, history size,
history ttl, meta ttl, candidate epoch, check replication ID}, as
broker_publish.lua takes them (history size '0' = none; the check '1' on a
Sentinel or Cluster shard, see epoch_lib.lua). `batch` (from queued_batch) holds, per channel
with history, the epoch and offset, read once, and queued_finish writes the
meta hash and the expiries once, however many items the call has.
]]

local function queued_batch()
  return {state = {}, touched = {}}
end

-- Applies one publication to channel `ch`, unless its idempotency key
-- (result_ttl ~= '0') was used already. Raises the Redis error that stopped
-- it; the item then took no offset (counted only once appended).
local function queued_publish(batch, ch, payload, result_key, result_ttl)
  if result_ttl ~= '0' and idempotent_result(result_key) then
    return
  end
  if ch[4] == '0' then
    redis.call(publish_command, ch[3], 'n:' .. payload)
    if result_ttl ~= '0' then
      remember_result(result_key, '', 0, result_ttl)
    end
    return
  end
  local s = batch.state[ch]
  if not s then
    local epoch = history_epoch(ch[2], ch[7], ch[8])
    s = {epoch = epoch, offset = tonumber(redis.call('HGET', ch[2], 's')) or 0}
    batch.state[ch] = s
    batch.touched[#batch.touched + 1] = ch
  end
  local offset = s.offset + 1
  history_append(ch[1], ch[4], offset, s.epoch, payload, ch[3])
  s.offset = offset
  if result_ttl ~= '0' then
    remember_result(result_key, s.epoch, offset, result_ttl)
  end
end

-- Writes each channel's top offset and refreshes its expiries.
local function queued_finish(batch)
  for _, ch in ipairs(batch.touched) do
    redis.call('HSET', ch[2], 's', batch.state[ch].offset)
    if ch[6] ~= '0' then
      redis.call('EXPIRE', ch[2], ch[6])
    end
    redis.call('EXPIRE', ch[1], ch[5])
  end
end

-- The message of an error caught by pcall around redis.call.
local function queued_error(err)
  return type(err) == 'table' and (err.err or 'error') or tostring(err)
end
