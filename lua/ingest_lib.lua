--[[
ingest_lib: shared by the ingest_*.lua scripts (prepended by the loader,
src/engine/redis/scripts.ts). Two functions: the lease check that keeps a
deposed consumer from applying or acknowledging anything, and the
acknowledgement of one item.

Items come from a list queue (acknowledged by removing them from the
consumer's processing list, where the take script put them) or from a
stream (acknowledged with XACK in the consumer group).
]]

-- Whether `owner` holds the lease; false when it expired or another consumer took it.
local function ingest_holds(lease_key, owner)
  return redis.call('GET', lease_key) == owner
end

-- Whether the item is still waiting for its acknowledgement. An item already acknowledged
-- was applied (its publish and ack ran in one script), so a retry must change nothing:
-- this check is the idempotency of queued items, with no result key left behind per item.
local function ingest_pending(ack_key, kind, item, group)
  if kind == 'list' then
    return redis.call('LINDEX', ack_key, -1) == item or redis.call('LPOS', ack_key, item) ~= false
  end
  return #redis.call('XPENDING', ack_key, group, item, item, 1) > 0
end

-- Acknowledges one item. kind 'list': `item` is the processing-list entry, which is
-- the oldest one (right end) while items are applied in order. kind 'stream': `item`
-- is the entry ID, acknowledged in `group` and deleted, so an applied item leaves Redis
-- as a list item does. Returns 1 when something was acknowledged.
local function ingest_ack(ack_key, kind, item, group)
  if kind == 'list' then
    if redis.call('LINDEX', ack_key, -1) == item then
      redis.call('RPOP', ack_key)
      return 1
    end
    return redis.call('LREM', ack_key, -1, item)
  end
  local acked = redis.call('XACK', ack_key, group, item)
  redis.call('XDEL', ack_key, item)
  return acked
end
