--[[
presence_stats: a channel's presence counts, after dropping expired clients.

KEYS[1..4]  presence data, expire, client_user and users keys (see presence_lib.lua);
            this file runs with presence_lib.lua prepended.

No ARGV.

Returns {number of clients, number of distinct users}; {0, 0} when nobody is
present.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

local now = presence_now()
presence_cleanup(data_key, expire_key, client_user_key, users_key, now)

return {redis.call('HLEN', data_key), redis.call('HLEN', users_key)}
