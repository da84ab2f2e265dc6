--[[
presence_lib: shared by every presence_*.lua script. The loader
(src/engine/redis/scripts.ts) prepends this file to each of them, because a
Redis script cannot load another; it defines functions only.

Every presence script has the same KEYS:
KEYS[1]  presence data key (HASH; client id -> ClientInfo protobuf bytes)
KEYS[2]  presence expire key (ZSET; client id -> expiry, unix seconds)
KEYS[3]  client_user key (HASH; client id -> user id)
KEYS[4]  users key (HASH; user id -> number of the user's present clients)
]]

-- "Now" from the Redis server clock, so nodes with skewed clocks agree.
local function presence_now()
  return tonumber(redis.call('TIME')[1])
end

-- Removes one client from all four keys; returns 1 if it was present.
local function presence_remove_client(data_key, expire_key, client_user_key, users_key, id)
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

-- Drops every client whose expiry has passed (entries of a node that died).
local function presence_cleanup(data_key, expire_key, client_user_key, users_key, now)
  local expired = redis.call('ZRANGEBYSCORE', expire_key, '-inf', now)
  for i = 1, #expired do
    presence_remove_client(data_key, expire_key, client_user_key, users_key, expired[i])
  end
end
