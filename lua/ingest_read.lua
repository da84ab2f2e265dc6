--[[
ingest_read: reads up to ARGV[2] items of a list queue, oldest first, after
position ARGV[1], without taking them: items leave the queue only in the
script that applies them (ingest_run.lua, ingest_ack.lua). Positions count
items from the queue's beginning; the cursor key holds how many have been
acknowledged, so the item at position p is the (p - cursor)-th from the
right. Reading the cursor in the same step keeps that right while runs of
the same consumer are being applied. Read-only: anyone may call it.

KEYS[1]  queue (LIST; the backend LPUSHes, so the oldest item is at the right)
KEYS[2]  cursor key (STRING; acknowledged items, absent = 0)

ARGV[1]  position after which to read
ARGV[2]  most items to return

Returns {cursor, items}: items newest first, as LRANGE gives them; or the
error STALE when ARGV[1] is behind the cursor.
]]
local cursor = tonumber(redis.call('GET', KEYS[2]) or '0')
local skip = tonumber(ARGV[1]) - cursor
if skip < 0 then
  return redis.error_reply('STALE cursor ' .. string.format('%d', cursor) .. ' is past ' .. ARGV[1])
end
local max = tonumber(ARGV[2])
return {string.format('%d', cursor), redis.call('LRANGE', KEYS[1], -skip - max, -skip - 1)}
