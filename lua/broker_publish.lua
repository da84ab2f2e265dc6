--[[
broker_publish: publish one publication, with optional history and optional
idempotency, atomically.

KEYS[1]  stream key (STREAM; entry ID = offset, field `d` = Publication bytes)
KEYS[2]  meta key (HASH; `e` epoch, `s` top offset, `r` replication ID)
KEYS[3]  idempotency result key (HASH; `e` epoch, `s` offset); always passed,
         only touched when ARGV[7] ~= '0'

ARGV[1]  Publication protobuf bytes
ARGV[2]  history size (0 = no history: nothing is stored, offset stays 0)
ARGV[3]  history ttl, seconds (sliding: refreshed on every publish)
ARGV[4]  pub/sub channel to PUBLISH the message to
ARGV[5]  meta ttl, seconds ('0' = the meta hash never expires)
ARGV[6]  candidate epoch, used only when the meta hash holds none
ARGV[7]  idempotency result ttl, seconds ('0' = no idempotency key given)
ARGV[8]  '1': start a new epoch when the master's replication ID changed
         since the channel's last write (see epoch_lib.lua); absent = '0'
ARGV[9]  optional: 'spublish' to publish with SPUBLISH (sharded pub/sub; the
         channel then must be in KEYS[1]'s slot), 'publish' or absent for PUBLISH

Returns {offset (integer), epoch (string), suppressed (integer)}:
  {top, epoch, 0}  published with history
  {0, '', 0}       published without history
  {s, e, 1}        suppressed: the cached result of the earlier publish under
                   the same idempotency key; nothing published (the result
                   hash is rewritten unchanged, see publish_lib.lua)

Pub/sub message (see src/engine/redis/pubsub-wire.ts):
  'p' .. offset .. ':' .. epoch .. ':' .. payload   with history
  'n:' .. payload                                  without history
]]
local stream_key = KEYS[1]
local meta_key = KEYS[2]
local result_key = KEYS[3]

local payload = ARGV[1]
local history_size = ARGV[2]
local history_ttl = ARGV[3]
local channel = ARGV[4]
local meta_ttl = ARGV[5]
local candidate_epoch = ARGV[6]
local result_ttl = ARGV[7]
local check_replid = ARGV[8]

-- This file runs with epoch_lib.lua and publish_lib.lua prepended.
use_publish_command(ARGV[9])
return publish(stream_key, meta_key, result_key, payload, history_size, history_ttl, channel, meta_ttl, candidate_epoch, result_ttl, check_replid)
