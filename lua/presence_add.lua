--[[
presence_add: add or refresh one client's presence in a channel, after
dropping expired clients.

KEYS[1]  presence data key (HASH; client id -> ClientInfo protobuf bytes)
KEYS[2]  presence expire key (ZSET; client id -> expiry, unix seconds)
KEYS[3]  client_user key (HASH; client id -> user id)
KEYS[4]  users key (HASH; user id -> number of the user's present clients)

ARGV[1]  presence ttl, seconds: the client expires ttl after this call, and
         all four keys get this ttl (live channels keep being refreshed,
         a dead node's entries vanish)
ARGV[2]  client id
ARGV[3]  ClientInfo protobuf bytes
ARGV[4]  user id

Returns 1 when the client was not present before, 0 when it was refreshed.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

local ttl = tonumber(ARGV[1])
local client = ARGV[2]
local info = ARGV[3]
local user = ARGV[4]

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

local added = 0
if redis.call('HEXISTS', client_user_key, client) == 0 then
  added = 1
  redis.call('HSET', client_user_key, client, user)
  redis.call('HINCRBY', users_key, user, 1)
end
redis.call('HSET', data_key, client, info)
redis.call('ZADD', expire_key, now + ttl, client)

redis.call('EXPIRE', data_key, ttl)
redis.call('EXPIRE', expire_key, ttl)
redis.call('EXPIRE', client_user_key, ttl)
redis.call('EXPIRE', users_key, ttl)

return added
