-- wrk script for IngestLoad: POST one tbot.start OTLP/HTTP protobuf request (the file named by
-- TBOT_LOAD_BODY, encoded as TBOT_LOAD_ENCODING says if set, e.g. gzip) over and over on
-- keep-alive connections.
local f = assert(io.open(os.getenv("TBOT_LOAD_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-protobuf"
local encoding = os.getenv("TBOT_LOAD_ENCODING")
if encoding and encoding ~= "" then
  wrk.headers["Content-Encoding"] = encoding
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("non2xx=%d\n", summary.errors.status))
  io.write(string.format("p50_us=%d p99_us=%d\n", latency:percentile(50), latency:percentile(99)))
end
