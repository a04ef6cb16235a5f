-- Jobs waiting: in the stream but delivered to no worker yet. KEYS: stream. ARGV: group
local pending = redis.pcall('XPENDING', KEYS[1], ARGV[1])
if type(pending) == 'table' and pending.err then
  -- No group yet, so no job either.
  return 0
end
return redis.call('XLEN', KEYS[1]) - pending[1]
