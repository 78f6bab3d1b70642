-- daily_digest.lua: a Markdown digest of an archive, one section per day,
-- newest day first; under each day the posts in time order with their
-- feed, title and length. Days are calendar days at UTC+8 unless
-- --set offset=HOURS says otherwise. Limit the range with --since/--until.
--
--   quire run examples/reports/daily_digest.lua examples/archive \
--     --since 2021-08-01 --until 2022-08-31 > digest.md
local quire = require "quire"
local offset = (quire.opts.offset or 8) * 3600

local days, undated = {}, 0
for rec in quire.open() do
  if rec.time then
    local day = os.date("!%Y-%m-%d", rec.time + offset)
    local list = days[day] or {}
    days[day] = list
    -- characters of text, tags removed: a rough length a reader feels
    local text = (rec.body or rec.text or ""):gsub("<[^>]*>", "")
    list[#list + 1] = {time = rec.time, source = rec.source or "?", title = rec.title or rec.path,
                       chars = utf8.len(text) or #text}
  else
    undated = undated + 1
  end
end

local order = {}
for day in pairs(days) do order[#order + 1] = day end
table.sort(order, function(a, b) return a > b end)

local opts = quire.opts
local range = (opts.since or "the first post") .. " to " .. (opts["until"] or "the last")
print("# Digest: " .. range)
print()
local total = 0
for _, day in ipairs(order) do total = total + #days[day] end
print(string.format("%d posts on %d days%s.", total, #order,
  undated > 0 and string.format(" (%d without a date left out)", undated) or ""))
for _, day in ipairs(order) do
  local list = days[day]
  table.sort(list, function(a, b) return a.time < b.time end)
  print()
  print(string.format("## %s (%d)", day, #list))
  print()
  for _, p in ipairs(list) do
    print(string.format("- %s **%s** %s (%d chars)", os.date("!%H:%M", p.time + offset),
      p.source, p.title:gsub("([%[%]*_`])", "\\%1"), p.chars))
  end
end
