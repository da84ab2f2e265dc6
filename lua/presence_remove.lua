--[[
presence_remove: remove one client's presence from a channel, after dropping
expired clients. Removing an absent client is a no-op.

KEYS[1..4]  presence data, expire, client_user and users keys (see presence_lib.lua);
            this file runs with presence_lib.lua prepended.

ARGV[1]  client id

Returns 1 when the client was present (and is now removed), 0 otherwise.
]]
local data_key = KEYS[1]
local expire_key = KEYS[2]
local client_user_key = KEYS[3]
local users_key = KEYS[4]

local client = ARGV[1]

local now = presence_now()
presence_cleanup(data_key, expire_key, client_user_key, users_key, now)

return presence_remove_client(data_key, expire_key, client_user_key, users_key, client)
