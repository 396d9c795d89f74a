-- Loaded by `wrk -s`: counts every response that is not 200 and, when the run ends,
-- prints one JSON line the harness parses (benchmarks/http.py). Latencies are in µs.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
end

-- wrk itself only counts statuses above 399; a redirect is just as wrong for a benchmark.
function response(status, headers, body)
  if status ~= 200 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local unexpected_total = 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, "requests_per_second": %.2f, '
      .. '"p50_us": %.0f, "p95_us": %.0f, "non_200": %.0f, "connect_errors": %.0f, '
      .. '"read_errors": %.0f, "write_errors": %.0f, "timeouts": %.0f}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), unexpected_total,
    errors.connect, errors.read, errors.write, errors.timeout
  ))
end
