--[[
epoch_lib: a channel's epoch, shared by broker_publish.lua, broker_history.lua
and ingest_run.lua (the loader, src/engine/redis/scripts.ts, prepends it).

An epoch names one unbroken sequence of a channel's offsets: a client holding
(offset, epoch) has every publication up to that offset of that epoch, and
recovers only within it. The epoch is created from the caller's candidate when
the meta hash holds none (a new channel, or its meta hash expired, was evicted
or was lost with the whole Redis).

Replication is asynchronous: a promoted replica may lack the old master's last
writes, publications already delivered live, and would give their offsets to
other publications under the same epoch, so clients would silently skip the
new ones as duplicates or be told they recovered. With check_replid '1' (a
Sentinel or Cluster shard) the meta hash also keeps the master's replication
ID (`r`) of the last write: a promoted replica, or a restarted master, has a
new replication ID, and a channel last written under another one starts a new
epoch (keeping its counter and stream: what survived is still history, and a
client of the old epoch is told it did not recover). A meta hash without `r`
(written before it was kept, or while the check was off) just gets it. A single
Redis gets a new replication ID at every restart, even one that lost nothing
(AOF with appendfsync always), so the check is off for it.
]]

-- The 40 hex digits after `master_replid:`, found by a plain find: a pattern
-- match scanning the whole section costs over half of what INFO itself does.
-- Read once per script call (a call runs atomically, so it cannot change):
-- this file is prepended to the script's body, whose locals live for one call,
-- and a call that publishes many publications needs it only once.
local replid_of_this_call = nil
local function master_replid()
  if replid_of_this_call == nil then
    local info = redis.call('INFO', 'replication')
    local at = string.find(info, 'master_replid:', 1, true)
    replid_of_this_call = at and string.sub(info, at + 14, at + 53) or ''
  end
  return replid_of_this_call
end

-- The channel's epoch: created from the candidate when the meta hash has none,
-- or, with check_replid '1', when it was last written under another replication ID.
local function history_epoch(meta_key, candidate_epoch, check_replid)
  if check_replid ~= '1' then
    local epoch = redis.call('HGET', meta_key, 'e')
    if not epoch then
      epoch = candidate_epoch
      redis.call('HSET', meta_key, 'e', epoch)
    end
    return epoch
  end
  local meta = redis.call('HMGET', meta_key, 'e', 'r')
  local epoch = meta[1]
  local replid = master_replid()
  if not epoch or (meta[2] and meta[2] ~= replid) then
    epoch = candidate_epoch
    redis.call('HSET', meta_key, 'e', epoch, 'r', replid)
  elseif meta[2] ~= replid then
    redis.call('HSET', meta_key, 'r', replid)
  end
  return epoch
end
