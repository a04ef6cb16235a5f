-- One input's result. KEYS: job hash. ARGV: attempt, input index, result JSON, channel, job id
if not holds(KEYS[1], ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'r:' .. ARGV[2], ARGV[3], 'done', tonumber(ARGV[2]) + 1)
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
