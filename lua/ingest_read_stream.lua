--[[
ingest_read_stream: up to ARGV[2] entries of a stream after ID ARGV[1]
(exclusive), flattened to the two fields Gyre reads, so that the client
decodes three values per entry instead of a nested array of five. Read-only.

KEYS[1]  stream

ARGV[1]  entry ID after which to read (the group's cursor, or the last entry read)
ARGV[2]  most entries to return

Returns {id, method, payload, id, method, payload, …}, oldest first; a
missing field is nil.
]]
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
local out = {}
local n = 0
for _, e in ipairs(entries) do
  local fields = e[2]
  local method, payload = false, false
  for i = 1, #fields, 2 do
    local name = fields[i]
    if name == 'method' then
      method = fields[i + 1]
    elseif name == 'payload' then
      payload = fields[i + 1]
    end
  end
  out[n + 1] = e[1]
  out[n + 2] = method
  out[n + 3] = payload
  n = n + 3
end
return out
