-- feed_trends.lua: for each feed, posts per month and how long they are
-- (median characters of text, tags removed), with a bar for the volume,
-- so a feed that dried up or started sending stubs stands out.
-- --set period=year groups by year instead of month.
--
--   quire run examples/reports/feed_trends.lua examples/archive
--   quire run examples/reports/feed_trends.lua posts/ --set period=year -j 4
local quire = require "quire"
local pretty = require "quire.pretty"
local pattern = quire.opts.period == "year" and "!%Y" or "!%Y-%m"

-- in workers: one small row per record
local rows = quire.map(nil, function(rec)
  if not rec.time then return nil end
  local text = (rec.body or rec.text or ""):gsub("<[^>]*>", "")
  return {rec.source or "?", os.date(pattern, rec.time + 8 * 3600), utf8.len(text) or #text}
end)

local feeds = {}
for _, row in ipairs(rows) do
  local source, period, chars = row[1], row[2], row[3]
  local feed = feeds[source] or {name = source, periods = {}, n = 0}
  feeds[source] = feed
  local p = feed.periods[period] or {}
  feed.periods[period] = p
  p[#p + 1] = chars
  feed.n = feed.n + 1
end

local function median(list)
  table.sort(list)
  local n = #list
  if n % 2 == 1 then return list[(n + 1) // 2] end
  return (list[n // 2] + list[n // 2 + 1]) // 2
end

local order = {}
for _, feed in pairs(feeds) do order[#order + 1] = feed end
table.sort(order, function(a, b)
  if a.n ~= b.n then return a.n > b.n end
  return a.name < b.name
end)

local most = 0
for _, feed in ipairs(order) do
  for _, p in pairs(feed.periods) do most = math.max(most, #p) end
end
local width = 0
for _, feed in ipairs(order) do width = math.max(width, pretty.width(feed.name)) end

print(pretty.pad("feed", width) .. "  period   posts  median chars  volume")
for _, feed in ipairs(order) do
  local periods = {}
  for k in pairs(feed.periods) do periods[#periods + 1] = k end
  table.sort(periods)
  for i, period in ipairs(periods) do
    local list = feed.periods[period]
    print(string.format("%s  %-7s  %5d  %12d  %s", pretty.pad(i == 1 and feed.name or "", width),
      period, #list, median(list), string.rep("#", math.max(1, #list * 20 // most))))
  end
end
