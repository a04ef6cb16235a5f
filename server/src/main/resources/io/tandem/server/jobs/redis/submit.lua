-- Admits a job, or says why not: the client's share, the jobs kept, the jobs waiting.
-- KEYS: stream, job hash, client's set of unfinished jobs, kept (zset: job id -> when it expires)
-- ARGV: group, job id, max per client, max kept, queue capacity, job key prefix, then the hash's
--       fields and values
local stream, job, clientSet, kept = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local group, id = ARGV[1], ARGV[2]

-- A Redis that restarted empty has lost the group: recreate it (BUSYGROUP when it exists).
redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')

-- The set heals itself: a member whose hash has expired or finished no longer counts.
for _, other in ipairs(redis.call('SMEMBERS', clientSet)) do
  local state = redis.call('HGET', ARGV[6] .. other, 'state')
  if not state or state == 'succeeded' or state == 'failed' then
    redis.call('SREM', clientSet, other)
  end
end
local active = redis.call('SCARD', clientSet)
if active >= tonumber(ARGV[3]) then
  return {'quota', active}
end

local now = nowMillis()
redis.call('ZREMRANGEBYSCORE', kept, '-inf', now)
local keptCount = redis.call('ZCARD', kept)
if keptCount >= tonumber(ARGV[4]) then
  return {'kept', keptCount}
end

-- Waiting = in the stream but delivered to no worker yet (running jobs are pending).
local waiting = redis.call('XLEN', stream) - redis.call('XPENDING', stream, group)[1]
if waiting >= tonumber(ARGV[5]) then
  return {'queue', waiting}
end

local fields = {}
for i = 7, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', job, 'createdAt', now, unpack(fields))
redis.call('SADD', clientSet, id)
redis.call('ZADD', kept, '+inf', id)
redis.call('XADD', stream, '*', 'job', id)
return {'queued', now}
