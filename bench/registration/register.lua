-- wrk script: POST /api/v1/events/{id}/registrations with a unique contact per request.
-- BENCH_FIRST..BENCH_LAST is the range of event ids (one id for the hot run).
local first = tonumber(os.getenv("BENCH_FIRST") or "2")
local last = tonumber(os.getenv("BENCH_LAST") or "1001")
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  prefix = "w" .. id .. "r" .. math.random(1, 1000000000)
  sent = 0
  other = 0
end

function request()
  sent = sent + 1
  local event = math.random(first, last)
  local body = '{"contact":{"name":"Bänk Testsson","email":"' .. prefix .. "n" .. sent ..
    '@example.test"},"attendees":[{"name":"Bänk Testsson","affiliation":"civil_society",' ..
    '"dietary":["vegetarian"]}],"consent":true}'
  return wrk.format("POST", "/api/v1/events/" .. event .. "/registrations",
                    {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 201 then other = other + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("other") end
  io.write(string.format("not_201 %d\n", total))
end
