--[[
ingest_requeue: puts a dead letter back on the queue or stream it came from
(the admin UI's "requeue"), removing it from the dead-letter list in the same
step, so a double click or two admins requeue it once. The item goes to the
head of a list queue (as a backend's LPUSH) or the end of a stream (XADD),
behind everything already waiting.

KEYS[1]  dead-letter list
KEYS[2]  the source: list queue or stream

ARGV[1]  the dead-letter record exactly as stored (the LREM match)
ARGV[2]  'list' or 'stream'
ARGV[3]  the list item's text, or the stream entry's method
ARGV[4]  '1' when the stream entry has a payload field, else '0'
ARGV[5]  the stream entry's payload

Returns 1 when requeued, 0 when the record is no longer in the list.
]]
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then
  return 0
end
if ARGV[2] == 'list' then
  redis.call('LPUSH', KEYS[2], ARGV[3])
elseif ARGV[4] == '1' then
  redis.call('XADD', KEYS[2], '*', 'method', ARGV[3], 'payload', ARGV[5])
else
  redis.call('XADD', KEYS[2], '*', 'method', ARGV[3])
end
return 1
