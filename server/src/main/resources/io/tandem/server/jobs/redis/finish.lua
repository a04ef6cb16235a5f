-- The final write: state, error, and the acknowledgement, in one step (acknowledged only when the
-- result is stored).
-- KEYS: job hash, stream, kept
-- ARGV: attempt, group, entry id, job id, ttl ms, client key prefix, channel, state, error, message
local job = KEYS[1]
if not holds(job, ARGV[1]) then
  return 0
end
if ARGV[8] == 'failed' then
  dropResults(job)
  redis.call('HSET', job, 'error', ARGV[9], 'message', ARGV[10])
end
redis.call('HSET', job, 'state', ARGV[8], 'finishedAt', nowMillis())
close(job, ARGV[4], KEYS[2], ARGV[2], ARGV[3], KEYS[3], ARGV[6], ARGV[5], ARGV[7])
return 1
