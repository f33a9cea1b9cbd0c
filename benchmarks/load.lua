-- wrk script for benchmarks/load.sh: a mix of the site's pages, as visitors and researchers
-- request them. The record pages (films, people, studios) are read from the file named by
-- NKFILMS_LOAD_PATHS (one path a line, from the site's sitemap); the rest are fixed here.
-- At the end it prints requests/s, the 95th percentile and the errors, and whether the
-- issue's target is met: 0 errors, p95 < 500 ms, at least 150 requests/s.

local fixed = {
  -- {weight, path}
  {10, "/"},
  {8, "/films/"},
  {5, "/films/?q=kim"},
  {4, "/films/?decade=1980&country=JP&kind=feature"},
  {3, "/films/?q=kim&decade=1980&country=JP&kind=feature"},
  {3, "/films/?page=2"},
  {2, "/films/?sort=-year"},
  {2, "/films/?genre=drama"},
  {2, "/films/?coproduction=yes"},
  {6, "/api/v1/films/"},
  {3, "/api/v1/films/?q=kim"},
  {2, "/api/v1/films/?decade=1970&kind=feature"},
  {5, "/search/?q=kim"},
  {3, "/search/?q=ri"},
  {2, "/search/?q=pulgasari"},
  {2, "/people/"},
  {2, "/studios/"},
  {2, "/coproductions/"},
}
local records = { film = {}, person = {}, studio = {} }
local record_weights = { film = 25, person = 10, studio = 5 }
local paths, cumulative, total = {}, {}, 0

local function add(weight, path)
  total = total + weight
  paths[#paths + 1] = path
  cumulative[#cumulative + 1] = total
end

function init(args)
  local file = os.getenv("NKFILMS_LOAD_PATHS")
  if file then
    for line in io.lines(file) do
      local kind = line:match("^/films/[^/]+/$") and "film"
        or line:match("^/people/[^/]+/$") and "person"
        or line:match("^/studios/[^/]+/$") and "studio"
      if kind then records[kind][#records[kind] + 1] = line end
    end
  end
  for _, entry in ipairs(fixed) do add(entry[1], entry[2]) end
  for kind, list in pairs(records) do
    -- each kind's weight shared among its records
    for _, path in ipairs(list) do add(record_weights[kind] / #list, path) end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local pick = math.random() * total
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < pick then low = middle + 1 else high = middle end
  end
  return wrk.format("GET", paths[low])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local rate = summary.requests / seconds
  local p50, p95, p99 = latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000
  io.write(string.format(
    "requests %d in %.1f s: %.1f requests/s; latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, "
      .. "max %.0f ms\n",
    summary.requests, seconds, rate, p50, p95, p99, latency.max / 1000))
  io.write(string.format(
    "errors %d (connect %d, read %d, write %d, HTTP status >= 400 %d, timeout %d)\n",
    errors, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  local met = errors == 0 and p95 < 500 and rate >= 150
  io.write(string.format("target (0 errors, p95 < 500 ms, >= 150 requests/s): %s\n",
    met and "MET" or "NOT MET"))
end
