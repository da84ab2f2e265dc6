--[[
presence_get: a channel's present clients, after dropping expired ones.

KEYS[1]  presence data key (HASH; client id -> ClientInfo protobuf bytes)
KEYS[2]  presence expire key (ZSET; client id -> expiry, unix seconds)
KEYS[3]  client_user key (HASH; client id -> user id)
KEYS[4]  users key (HASH; user id -> number of the user's present clients)

No ARGV.

Returns HGETALL of the data hash, a flat array:
{client id, ClientInfo bytes, client id, ClientInfo bytes, ...}; empty when
nobody is present.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

-- "Now" from the Redis server clock, so nodes with skewed clocks agree.
local now = tonumber(redis.call('TIME')[1])

-- Removes one client from all four keys; returns 1 if it was present.
local function remove_client(id)
  local removed = redis.call('HDEL', data_key, id)
  redis.call('ZREM', expire_key, id)
  local owner = redis.call('HGET', client_user_key, id)
  if owner then
    removed = 1
    redis.call('HDEL', client_user_key, id)
    if redis.call('HINCRBY', users_key, owner, -1) <= 0 then
      redis.call('HDEL', users_key, owner)
    end
  end
  return removed
end

-- Drop every client whose expiry has passed.
local expired = redis.call('ZRANGEBYSCORE', expire_key, '-inf', now)
for i = 1, #expired do
  remove_client(expired[i])
end

return redis.call('HGETALL', data_key)
