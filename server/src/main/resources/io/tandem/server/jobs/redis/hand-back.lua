-- A worker that shuts down cleanly gives its job back: queued again, its results so far kept, its
-- entry made idle enough that any instance reclaims it at once.
-- KEYS: job hash, stream. ARGV: attempt, group, consumer, entry id, idle ms, channel, job id
local job = KEYS[1]
if not holds(job, ARGV[1]) then
  return 0
end
redis.call('HINCRBY', job, 'handedBack', 1)
redis.call('HSET', job, 'state', 'queued')
redis.call('HDEL', job, 'worker')
redis.call('XCLAIM', KEYS[2], ARGV[2], ARGV[3], 0, ARGV[4], 'IDLE', ARGV[5], 'JUSTID')
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 1
