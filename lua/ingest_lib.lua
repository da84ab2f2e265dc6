--[[
ingest_lib: shared by ingest_run.lua and ingest_ack.lua (prepended by the
loader, src/engine/redis/scripts.ts).

Consuming never moves an item: the lease holder reads ahead (LRANGE on a
list, XRANGE on a stream) and an item leaves its queue only in the same
script that applies it. Each source has a cursor that says how far it has
been applied:

  list    KEYS cursor key: how many items were ever acknowledged (absent = 0).
          The backend LPUSHes at the left and only the lease holder removes
          from the right, so the oldest unapplied item is always at the right.
  stream  the consumer group's last-delivered-id; applied entries are deleted.

A script names the cursor it expects. When the cursor moved (an earlier
script of a pipeline stopped part-way, or a lost reply hid that a run was
applied), the script changes nothing and answers STALE; the consumer then
reads again from the cursor. So an item is applied at most once, and in order.
]]

-- The consumer group's last-delivered-id, or nil when the group (or the stream) is gone.
local function ingest_group_cursor(stream_key, group)
  local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', stream_key)
  if not ok then
    return nil
  end
  for _, g in ipairs(groups) do
    local name, last
    for i = 1, #g, 2 do
      if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then last = g[i + 1] end
    end
    if name == group then
      return last
    end
  end
  return nil
end

-- nil when `owner` holds the lease, the cursor is where it expects and a
-- list holds at least the `n` items to acknowledge (none vanished since they
-- were read); otherwise the error reply to return, before anything changed.
local function ingest_check(lease_key, owner, kind, source_key, cursor_key, group, expected, n)
  if redis.call('GET', lease_key) ~= owner then
    return redis.error_reply('LEASE_LOST')
  end
  local cursor
  if kind == 'list' then
    cursor = redis.call('GET', cursor_key) or '0'
  else
    cursor = ingest_group_cursor(source_key, group)
    if not cursor then
      return redis.error_reply('NOGROUP the consumer group is gone')
    end
  end
  if cursor ~= expected then
    return redis.error_reply('STALE cursor ' .. cursor .. ', expected ' .. expected)
  end
  if kind == 'list' and redis.call('LLEN', source_key) < n then
    return redis.error_reply('STALE fewer items in the queue than read')
  end
  return nil
end

-- Acknowledges the `n` oldest items: removes them and moves the cursor past
-- them. `ids` are their stream entry IDs (kind 'stream'), oldest first.
local function ingest_advance(kind, source_key, cursor_key, group, n, ids)
  if n == 0 then
    return
  end
  if kind == 'list' then
    redis.call('LTRIM', source_key, 0, -n - 1)
    redis.call('INCRBY', cursor_key, n)
  else
    redis.call('XDEL', source_key, unpack(ids, 1, n))
    redis.call('XGROUP', 'SETID', source_key, group, ids[n])
  end
end
