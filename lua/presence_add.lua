--[[
presence_add: add or refresh one client's presence in a channel, after
dropping expired clients.

KEYS[1..4]  presence data, expire, client_user and users keys (see presence_lib.lua);
            this file runs with presence_lib.lua prepended.

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

local now = presence_now()
presence_cleanup(data_key, expire_key, client_user_key, users_key, now)

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
