--[[
ingest_take: moves up to ARGV[2] items from a list queue to the consumer's
processing list, oldest first, tagging each with a sequence number. Items
stay in the processing list until acknowledged, so a consumer that dies
leaves them for the next lease holder, which finishes them first; the tag
gives each item an identity of its own (for acknowledgement and for the
idempotency keys derived from it) even when a backend pushes identical items.

KEYS[1]  queue (LIST; the backend LPUSHes, so the oldest item is at the right)
KEYS[2]  processing list (LIST; entries '<seq>|<item>', oldest at the right)
KEYS[3]  sequence counter (STRING)
KEYS[4]  lease key

ARGV[1]  consumer id (must hold the lease)
ARGV[2]  most items to move

Returns the moved entries, oldest first; an empty array when the queue is
empty; the error LEASE_LOST when the caller does not hold the lease.
]]
local queue_key = KEYS[1]
local processing_key = KEYS[2]
local seq_key = KEYS[3]
local lease_key = KEYS[4]

local owner = ARGV[1]
local max = tonumber(ARGV[2])

if not ingest_holds(lease_key, owner) then
  return redis.error_reply('LEASE_LOST')
end

local moved = {}
for i = 1, max do
  local item = redis.call('RPOP', queue_key)
  if not item then
    break
  end
  local entry = string.format('%d', redis.call('INCR', seq_key)) .. '|' .. item
  redis.call('LPUSH', processing_key, entry)
  moved[#moved + 1] = entry
end
return moved
