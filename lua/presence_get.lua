--[[
presence_get: a channel's present clients, after dropping expired ones.

KEYS[1..4]  presence data, expire, client_user and users keys (see presence_lib.lua);
            this file runs with presence_lib.lua prepended.

No ARGV.

Returns HGETALL of the data hash, a flat array:
{client id, ClientInfo bytes, client id, ClientInfo bytes, ...}; empty when
nobody is present.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

local now = presence_now()
presence_cleanup(data_key, expire_key, client_user_key, users_key, now)

return redis.call('HGETALL', data_key)
