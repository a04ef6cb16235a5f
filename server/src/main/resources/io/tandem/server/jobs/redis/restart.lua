-- The job runs on another version than it started on: its results so far are dropped (a job's
-- results never mix versions). KEYS: job hash. ARGV: attempt, version
if not holds(KEYS[1], ARGV[1]) then
  return 0
end
dropResults(KEYS[1])
redis.call('HSET', KEYS[1], 'version', ARGV[2])
return 1
