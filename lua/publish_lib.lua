--[[
publish_lib: the body of a publish, shared by broker_publish.lua and
ingest_publish.lua. The loader (src/engine/redis/scripts.ts) prepends this
file to both, because a Redis script cannot load another. It defines one
function, whose parameters are broker_publish.lua's KEYS and ARGV in order
(see that file for their meaning and the reply).
]]
local function publish(stream_key, meta_key, result_key, payload, history_size_arg, history_ttl, channel, meta_ttl, candidate_epoch, result_ttl)
  local history_size = tonumber(history_size_arg) or 0
  local idempotent = result_ttl ~= '0'

  if idempotent then
    local cached = redis.call('HMGET', result_key, 'e', 's')
    if cached[1] then
      return {tonumber(cached[2]) or 0, cached[1], 1}
    end
  end

  local offset = 0
  local epoch = ''

  if history_size > 0 then
    epoch = redis.call('HGET', meta_key, 'e')
    if not epoch then
      epoch = candidate_epoch
      redis.call('HSET', meta_key, 'e', epoch)
    end
    offset = redis.call('HINCRBY', meta_key, 's', 1)
    if meta_ttl ~= '0' then
      redis.call('EXPIRE', meta_key, meta_ttl)
    end
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
    redis.call('EXPIRE', stream_key, history_ttl)
    redis.call('PUBLISH', channel, 'p' .. offset_str .. ':' .. epoch .. ':' .. payload)
  else
    redis.call('PUBLISH', channel, 'n:' .. payload)
  end

  if idempotent then
    redis.call('HSET', result_key, 'e', epoch, 's', offset)
    redis.call('EXPIRE', result_key, result_ttl)
  end

  return {offset, epoch, 0}
end
