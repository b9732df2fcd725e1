-- wrk request mix: requests.lua (written by prepare.py) builds the prepared requests; each
-- request picks one at random; the summary counts answers that are not 2xx/3xx.
package.path = package.path .. ";" .. os.getenv("MIX_DIR") .. "/?.lua"
require("requests")
local requests

init = function(args)
  math.randomseed(os.time())
  requests = build()
end

request = function()
  if #verify_paths > 0 and math.random(7) == 1 then
    -- An anonymous visitor from one of many addresses (QUALIFY_TRUST_FORWARDED=on).
    local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
    return wrk.format("GET", verify_paths[math.random(#verify_paths)], {["X-Forwarded-For"] = ip}, nil)
  end
  return requests[math.random(#requests)]
end

done = function(summary, latency, requests_)
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, %d requests, %.0f req/s, errors: %d non-2xx/3xx, %d socket\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
