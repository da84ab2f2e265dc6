--[[
broker_history: read a channel stream's top (offset and epoch) and, on
request, a range of its publications. Creates the epoch when the meta hash
holds none, so the epoch a first subscriber sees is the one the first publish
keeps, and starts a new one after a failover as a publish would (see
epoch_lib.lua, prepended to this file). (This makes the script a write: it
cannot run on a replica.)

KEYS[1]  stream key (STREAM; entry ID = offset, field `d` = Publication bytes)
KEYS[2]  meta key (HASH; `e` epoch, `s` top offset, `r` replication ID)

ARGV[1]  include publications: '1' yes, '0' only the top
ARGV[2]  range start ID. Forward: since+1, or '-' for the beginning.
         Reverse: since-1, or '+' for the end.
ARGV[3]  limit: maximum number of entries ('0' = no limit)
ARGV[4]  reverse: '1' newest first, '0' oldest first
ARGV[5]  meta ttl, seconds ('0' = none; otherwise refreshed, sliding)
ARGV[6]  candidate epoch, stored when the meta hash holds none
ARGV[7]  '1': start a new epoch when the master's replication ID changed
         since the channel's last write (see epoch_lib.lua); absent = '0'

Returns {top (integer), epoch (string), entries}: entries is the raw XRANGE /
XREVRANGE reply, an array of {id 'N-0', {'d', Publication bytes}}; empty when
publications are not requested. A channel never published to gives top 0.
]]
local stream_key = KEYS[1]
local meta_key = KEYS[2]

local include = ARGV[1] == '1'
local start = ARGV[2]
local limit = ARGV[3]
local reverse = ARGV[4] == '1'
local meta_ttl = ARGV[5]
local candidate_epoch = ARGV[6]
local check_replid = ARGV[7]

local epoch = history_epoch(meta_key, candidate_epoch, check_replid)
local top = tonumber(redis.call('HGET', meta_key, 's')) or 0
if meta_ttl ~= '0' then
  redis.call('EXPIRE', meta_key, meta_ttl)
end

local entries = {}
if include then
  if reverse then
    -- since offset 1 read backwards gives start 0 (or less): nothing lies
    -- before offset 1, and a start below 0-0 would be an invalid ID.
    local n = tonumber(start)
    if not (n and n < 1) then
      if limit ~= '0' then
        entries = redis.call('XREVRANGE', stream_key, start, '-', 'COUNT', limit)
      else
        entries = redis.call('XREVRANGE', stream_key, start, '-')
      end
    end
  else
    if limit ~= '0' then
      entries = redis.call('XRANGE', stream_key, start, '+', 'COUNT', limit)
    else
      entries = redis.call('XRANGE', stream_key, start, '+')
    end
  end
end

return {top, epoch, entries}
