--[[
presence_remove: remove one client's presence from a channel, after dropping
expired clients. Removing an absent client is a no-op.

KEYS[1]  presence data key (HASH; client id -> ClientInfo protobuf bytes)
KEYS[2]  presence expire key (ZSET; client id -> expiry, unix seconds)
KEYS[3]  client_user key (HASH; client id -> user id)
KEYS[4]  users key (HASH; user id -> number of the user's present clients)

ARGV[1]  client id

Returns 1 when the client was present (and is now removed), 0 otherwise.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

local client = ARGV[1]

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

return remove_client(client)
