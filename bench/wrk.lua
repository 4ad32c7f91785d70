-- wrk script of the benchmark: one connection per thread, each thread one user with its own
-- Cookie header (production cookies are Secure, so wrk sends them itself over plain http).
-- args[1] is a Lua file written by bench/run.py returning one plan per thread:
--   {method = "GET" | "POST", cookie = "...", head = body, tail = body, version = n, pattern = p}
-- A POST body is head .. version .. tail: after a redirect (saved) the report's version went up
-- by one; after any other answer the version is read back from the page with `pattern`.
-- done() prints one line "BENCH {json}" that bench/run.py reads.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local plan = dofile(args[1])[id]
  statuses = {}
  version, head, tail, pattern = plan.version, plan.head, plan.tail, plan.pattern
  headers = {}
  if plan.cookie then headers["Cookie"] = plan.cookie end
  if plan.method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  else
    fixed = wrk.format("GET", nil, headers)
  end
end

function request()
  if fixed then return fixed end
  local body = head
  if version then body = head .. version .. tail end
  return wrk.format("POST", nil, headers, body)
end

function response(status, _, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if version then
    if status == 302 or status == 303 then
      version = version + 1
    else
      local found = body and string.match(body, pattern)
      if found then version = tonumber(found) end
    end
  end
end

function done(summary, latency, _)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do merged[key] = (merged[key] or 0) + count end
  end
  local parts = {}
  for key, count in pairs(merged) do table.insert(parts, string.format('"%s": %d', key, count)) end
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ", ")))
end
