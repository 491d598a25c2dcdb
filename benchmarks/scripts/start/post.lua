-- wrk: POSTs the bodies of $BODIES (one JSON a line). START_ONCE=1: thread k of T sends bodies
-- k, k+T, ... each once (an upgrade can happen only once), and counts what it had to send again as
-- "reused" (the run is then invalid for that kind). Otherwise each thread cycles from its own offset.
-- COLLECT=file: appends each answer's visitorId to file.<thread> (the anonymous run feeds the upgrade run).
-- Prints rps, p50, p99, non-201 answers (and reused).
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local once = os.getenv("START_ONCE") == "1"
local threads = {}
local id = 0
setup = function(thread)
  id = id + 1
  thread:set("tid", id)
  thread:set("offset", once and id or math.random(1, #bodies))
  threads[#threads + 1] = thread
end
local counter, step, out
init = function(args)
  counter = offset
  step = once and 2 or 1 -- start-bench.sh runs wrk with -t2
  reused = 0 -- globals: done() reads them from each thread
  non201 = 0
  local collect = os.getenv("COLLECT")
  if collect then
    out = io.open(collect .. "." .. tid, "a")
    out:setvbuf("line")
  end
end
request = function()
  local i = counter
  counter = counter + step
  if i > #bodies then
    if once then reused = reused + 1 end
    i = (i - 1) % #bodies + 1
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
end
response = function(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
  if out then
    local v = body:match('"visitorId"%s*:%s*"([^"]+)"')
    if v then out:write(v, "\n") end
  end
end
done = function(summary, latency, requests)
  local bad, again = 0, 0
  for _, t in ipairs(threads) do bad = bad + t:get("non201"); again = again + t:get("reused") end
  io.write(string.format("rps=%.0f p50_ms=%.2f p99_ms=%.2f non201=%d errors=%d reused=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, again))
end
