--[[
publish_lib: the body of a publish, shared by broker_publish.lua (one
publication) and ingest_run.lua (a run of queued ones). The loader
(src/engine/redis/scripts.ts) prepends this file to both, because a Redis
script cannot load another. publish()'s parameters are broker_publish.lua's
KEYS and ARGV in order (see that file for their meaning and the reply).
The epoch comes from epoch_lib.lua, prepended before this file.
]]

-- PUBLISH, or SPUBLISH when the channels' pub/sub is sharded
-- (redis.sharded_pubsub): each script sets it from its arguments with
-- use_publish_command() before it publishes.
local publish_command = 'PUBLISH'

-- 'spublish' selects SPUBLISH; 'publish', '' or no argument keep PUBLISH.
local function use_publish_command(name)
  if name == 'spublish' then
    publish_command = 'SPUBLISH'
  elseif name ~= nil and name ~= '' and name ~= 'publish' then
    error({err = 'ERR unknown publish command ' .. name})
  end
end

-- Appends the publication at `offset` (already counted in the meta hash) and
-- publishes it with its position, so history and live delivery agree.
local function history_append(stream_key, history_size_arg, offset, epoch, payload, channel)
  -- Format the offset as a plain integer: Lua 5.1's tostring switches to
  -- exponent notation for large numbers.
  local offset_str = string.format('%d', offset)
  if offset == 1 then
    -- A fresh counter (new epoch, or the meta hash expired or was evicted):
    -- a stream left over from before must not mix with the new epoch, and
    -- XADD with ID 1 would fail against its larger last ID.
    redis.call('DEL', stream_key)
  end
  redis.call('XADD', stream_key, 'MAXLEN', history_size_arg, offset_str, 'd', payload)
  redis.call(publish_command, channel, 'p' .. offset_str .. ':' .. epoch .. ':' .. payload)
end

-- The cached result of an earlier publish under the same idempotency key, or nil.
local function idempotent_result(result_key)
  local cached = redis.call('HMGET', result_key, 'e', 's')
  if cached[1] then
    return {tonumber(cached[2]) or 0, cached[1], 1}
  end
  return nil
end

local function remember_result(result_key, epoch, offset, result_ttl)
  redis.call('HSET', result_key, 'e', epoch, 's', offset)
  redis.call('EXPIRE', result_key, result_ttl)
end

local function publish(stream_key, meta_key, result_key, payload, history_size_arg, history_ttl, channel, meta_ttl, candidate_epoch, result_ttl, check_replid)
  local history_size = tonumber(history_size_arg) or 0
  local idempotent = result_ttl ~= '0'

  if idempotent then
    local cached = idempotent_result(result_key)
    if cached then
      -- Rewritten unchanged, so this call is a write: a WAIT that follows it
      -- (redis.wait_replicas) then also covers the first publish, whichever
      -- connection made it, since WAIT counts the replicas that have the
      -- caller's last write and everything before it.
      redis.call('HSET', result_key, 'e', cached[2])
      return cached
    end
  end

  local offset = 0
  local epoch = ''

  if history_size > 0 then
    epoch = history_epoch(meta_key, candidate_epoch, check_replid)
    offset = redis.call('HINCRBY', meta_key, 's', 1)
    if meta_ttl ~= '0' then
      redis.call('EXPIRE', meta_key, meta_ttl)
    end
    history_append(stream_key, history_size_arg, offset, epoch, payload, channel)
    redis.call('EXPIRE', stream_key, history_ttl)
  else
    redis.call(publish_command, channel, 'n:' .. payload)
  end

  if idempotent then
    remember_result(result_key, epoch, offset, result_ttl)
  end

  return {offset, epoch, 0}
end
