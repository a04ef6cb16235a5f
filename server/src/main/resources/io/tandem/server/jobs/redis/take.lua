-- A worker starts a job it was delivered: a new attempt (the fencing number of all its writes),
-- or the dead-letter state once the job has been started too often without finishing.
-- KEYS: job hash, stream, kept, dead-letter list
-- ARGV: group, entry id, consumer, max attempts, job id, ttl ms, client key prefix, channel,
--       dead-letter message (a format taking the number of starts)
local job, stream, kept, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local group, entry, id = ARGV[1], ARGV[2], ARGV[5]

local state = redis.call('HGET', job, 'state')
if not state or state == 'succeeded' or state == 'failed' then
  -- Its result expired, or it has finished: nothing to run, the entry goes.
  redis.call('XACK', stream, group, entry)
  redis.call('XDEL', stream, entry)
  return {'gone', 0}
end

local attempt = redis.call('HINCRBY', job, 'attempt', 1)
-- A job handed back by a worker that shut down cleanly was not lost: those starts do not count.
local started = attempt - (tonumber(redis.call('HGET', job, 'handedBack')) or 0)
if started > tonumber(ARGV[4]) then
  local message = string.format(ARGV[9], started - 1)
  dropResults(job)
  redis.call('HSET', job, 'state', 'failed', 'error', 'dead_letter', 'message', message, 'finishedAt', nowMillis())
  redis.call('LPUSH', dead, cjson.encode({id = id, model = redis.call('HGET', job, 'model'), at = nowMillis(), message = message}))
  redis.call('LTRIM', dead, 0, 999)
  close(job, id, stream, group, entry, kept, ARGV[7], ARGV[6], ARGV[8])
  return {'dead', started - 1}
end

redis.call('HSET', job, 'state', 'running', 'worker', ARGV[3])
redis.call('PUBLISH', ARGV[8], id)
return {'run', attempt}
