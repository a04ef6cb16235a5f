-- Prepended to every job script (see LuaScript.java). A job's hash is laid out in JobHash.java;
-- every script runs as one atomic step, so no other instance ever sees a job half-written.

-- True while the attempt numbered `attempt` is the job's current one and the job runs: a worker
-- that lost its claim (another instance took the job after the visibility timeout) must not write.
local function holds(job, attempt)
  return redis.call('HGET', job, 'attempt') == attempt and redis.call('HGET', job, 'state') == 'running'
end

-- The results so far are the fields r:0 .. r:(done-1).
local function dropResults(job)
  local done = tonumber(redis.call('HGET', job, 'done')) or 0
  for i = 0, done - 1 do
    redis.call('HDEL', job, 'r:' .. i)
  end
  redis.call('HSET', job, 'done', 0)
end

-- Redis's clock, not an instance's: times written by different instances stay in order.
local function nowMillis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Ends a job whose final state is written: kept for the time to live, out of its client's share,
-- acknowledged and removed from the stream, and every instance told.
local function close(job, id, stream, group, entry, kept, clientPrefix, ttlMillis, channel)
  redis.call('HDEL', job, 'inputs', 'worker')
  redis.call('PEXPIRE', job, ttlMillis)
  local client = redis.call('HGET', job, 'client')
  if client then
    redis.call('SREM', clientPrefix .. client, id)
  end
  redis.call('ZADD', kept, nowMillis() + tonumber(ttlMillis), id)
  redis.call('XACK', stream, group, entry)
  redis.call('XDEL', stream, entry)
  redis.call('PUBLISH', channel, id)
end
