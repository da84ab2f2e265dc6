--[[
broker_publish: publish one publication, with optional history and optional
idempotency, atomically.

KEYS[1]  stream key (STREAM; entry ID = offset, field `d` = Publication bytes)
KEYS[2]  meta key (HASH; `e` epoch, `s` top offset)
KEYS[3]  idempotency result key (HASH; `e` epoch, `s` offset); always passed,
         only touched when ARGV[7] ~= '0'

ARGV[1]  Publication protobuf bytes
ARGV[2]  history size (0 = no history: nothing is stored, offset stays 0)
ARGV[3]  history ttl, seconds (sliding: refreshed on every publish)
ARGV[4]  pub/sub channel to PUBLISH the message to
ARGV[5]  meta ttl, seconds ('0' = the meta hash never expires)
ARGV[6]  candidate epoch, used only when the meta hash holds none
ARGV[7]  idempotency result ttl, seconds ('0' = no idempotency key given)

Returns {offset (integer), epoch (string), suppressed (integer)}:
  {top, epoch, 0}  published with history
  {0, '', 0}       published without history
  {s, e, 1}        suppressed: the cached result of the earlier publish under
                   the same idempotency key; nothing written or published

Pub/sub message (see src/engine/redis/payload.ts):
  'p' .. offset .. ':' .. epoch .. ':' .. payload   with history
  'n:' .. payload                                  without history
]]
local stream_key = KEYS[1]
local meta_key = KEYS[2]
local result_key = KEYS[3]

local payload = ARGV[1]
local history_size = tonumber(ARGV[2]) or 0
local history_ttl = ARGV[3]
local channel = ARGV[4]
local meta_ttl = ARGV[5]
local candidate_epoch = ARGV[6]
local result_ttl = ARGV[7]

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
  redis.call('XADD', stream_key, 'MAXLEN', ARGV[2], offset_str, 'd', payload)
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
