-- Resets the idle time of a running job's entry, so no other instance reclaims it from a live worker.
-- KEYS: job hash, stream. ARGV: attempt, group, consumer, entry id
if not holds(KEYS[1], ARGV[1]) then
  return 0
end
return #redis.call('XCLAIM', KEYS[2], ARGV[2], ARGV[3], 0, ARGV[4], 'JUSTID')
