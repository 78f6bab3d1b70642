--- quire.report: one self-contained HTML page about an archive.
--
--   local report = require "quire.report"
--   local model = report.new()
--   for rec in quire.open("posts/") do report.add(model, report.summarize(rec)) end
--   local html = report.html(model, {title = "posts/"})
--
-- The page has posts per month per source (stacked columns: the largest
-- sources and "other"), the distribution of text lengths, the top sources,
-- origins and editors, a table per source, the facts most often reported
-- (when quire.grammar is there) and the records with errors. Charts are
-- inline SVG (quire.svg), style is inline CSS; there are no scripts, fonts,
-- images or links to fetch, so the file reads the same offline.
--
-- The model is bounded: counts per month and source, tallies capped like
-- quire.stats', at most report.MAX_ERRORS error rows (all are counted).

local stats = require "quire.stats"
local svg = require "quire.svg"
local ustr = require "quire.ustr"

local report = {}

report.MAX_ERRORS = 500   -- rows in the errors table; the rest are counted
report.SERIES = 8         -- sources drawn in their own colour, the rest "other"
report.TOP = 15           -- rows in the top lists
report.FACTS = 25         -- rows in the facts table

-- Lengths grouped for the histogram: from, label (1-2-5 steps in characters).
report.LENGTH_BINS = {
  {0, "0"}, {1, "1–49"}, {50, "50–99"}, {100, "100–199"}, {200, "200–499"}, {500, "500–999"},
  {1000, "1k–2k"}, {2000, "2k–5k"}, {5000, "5k–10k"}, {10000, "10k–20k"}, {20000, "20k+"},
}

local function length_bin(chars)
  local bins = report.LENGTH_BINS
  for i = #bins, 1, -1 do
    if chars >= bins[i][1] then return i end
  end
  return 1
end

--- The summary of one record the report needs (JSON-able, made in a
-- worker): stats.summarize's with source and month keys, origin, editor
-- and facts, plus the title.
function report.summarize(rec, opts)
  opts = opts or {}
  local s = stats.summarize(rec, {by = {"source", "month"}, people = true, facts = true,
                                  raw = opts.raw, tz = opts.tz})
  s.title = rec.title
  if s.facts then
    -- only those that say what they are about, a few per post
    local kept = {}
    for _, fact in ipairs(s.facts) do
      if #kept < 8 and type(fact.subject) == "string" and ustr.len(fact.subject) >= 2 and fact.value then
        kept[#kept + 1] = fact
      end
    end
    s.facts, s.has_facts = kept, true
  end
  return s
end

--- An empty model.
function report.new()
  return {
    stats = stats.new {by = "source"},
    months = {},            -- month -> source -> posts
    lengths = {},           -- length bin -> posts
    facts = {cap = 5000},   -- fact key -> posts (a bounded tally)
    fact_rows = {},         -- fact key -> the latest example
    grammar = false,        -- whether any summary came with facts
    errors = {}, nerrors = 0,
    first = nil, last = nil,
  }
end

local function fact_key(f)
  return table.concat({f.where or "", f.subject, f.measure or "", f.unit or ""}, "\31")
end

--- Adds summary S to MODEL; returns MODEL (a reduce function).
function report.add(model, s)
  stats.add(model.stats, s)
  local month, source = s.key.month, s.key.source
  local m = model.months[month]
  if not m then m = {}; model.months[month] = m end
  m[source] = (m[source] or 0) + 1
  if s.chars then
    local b = length_bin(s.chars)
    model.lengths[b] = (model.lengths[b] or 0) + 1
  end
  if s.time then
    if not model.first or s.time < model.first then model.first = s.time end
    if not model.last or s.time > model.last then model.last = s.time end
  end
  if s.has_facts then model.grammar = true end
  for _, fct in ipairs(s.facts or {}) do
    local key = fact_key(fct)
    local before = model.facts.size or 0
    stats.tally(model.facts, key)
    if model.facts.size < before then
      -- the tally dropped its rarest facts: drop their examples too
      for k in pairs(model.fact_rows) do if not model.facts[k] then model.fact_rows[k] = nil end end
    end
    local row = model.fact_rows[key]
    if not row or (fct.when or "") >= (row.when or "") then
      fct.title, fct.source = s.title, s.source
      model.fact_rows[key] = fct
    end
  end
  if s.error then
    model.nerrors = model.nerrors + 1
    if #model.errors < report.MAX_ERRORS then
      model.errors[#model.errors + 1] = {path = s.path, reason = s.error}
    end
  end
  return model
end

-- ---- HTML --------------------------------------------------------------------

local esc = svg.escape
local thousands = svg.thousands

local CSS = [[
:root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --soft: #f6f8fa; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
header h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: .01em; }
header p { margin: 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 22px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card b { display: block; font-size: 24px; font-variant-numeric: tabular-nums; }
.card span { color: var(--muted); font-size: 13px; }
section { margin-top: 34px; }
h2 { font-size: 19px; margin: 0 0 4px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
.note { color: var(--muted); font-size: 13px; margin: 6px 0 12px; }
figure { margin: 0; }
svg { display: block; max-width: 100%; height: auto; overflow: visible; }
svg text { fill: var(--ink); font-size: 12px; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .value { fill: var(--muted); font-size: 11px; font-variant-numeric: tabular-nums; }
svg .name { font-size: 12.5px; }
svg .grid { stroke: #e8ecf0; stroke-width: 1; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
.three { display: grid; grid-template-columns: repeat(3, 1fr); gap: 20px; }
.three h3 { font-size: 15px; margin: 8px 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.d { white-space: nowrap; }
td.path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
tr:nth-child(even) td { background: #fbfcfd; }
tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 800px) { .three, .cards { grid-template-columns: 1fr; } }
]]

local function date_of(t)
  if not t then return nil end
  local c = require("quire.c.date").civil(t, require("quire.record").defaults.tz)
  return string.format("%04d-%02d-%02d", c.year, c.month, c.day)
end

local function section(out, id, title, note)
  out[#out + 1] = string.format('<section id="%s">\n<h2>%s</h2>', id, esc(title))
  if note then out[#out + 1] = '<p class="note">' .. esc(note) .. "</p>" end
end

-- Every month from the first to the last seen, so gaps show as gaps.
local function month_range(months)
  local keys = {}
  for k in pairs(months) do if k:match("^%d%d%d%d%-%d%d$") then keys[#keys + 1] = k end end
  table.sort(keys)
  if #keys == 0 then return {} end
  local y, m = keys[1]:match("^(%d+)%-(%d+)$")
  local ly, lm = keys[#keys]:match("^(%d+)%-(%d+)$")
  y, m, ly, lm = tonumber(y), tonumber(m), tonumber(ly), tonumber(lm)
  local out = {}
  while (y < ly or (y == ly and m <= lm)) and #out < 1200 do
    out[#out + 1] = string.format("%04d-%02d", y, m)
    m = m + 1
    if m > 12 then y, m = y + 1, 1 end
  end
  return out
end

local function monthly_chart(model, groups)
  local labels = month_range(model.months)
  if #labels == 0 then return nil end
  local named, series = {}, {}
  for i = 1, math.min(report.SERIES, #groups) do
    local key = groups[i].key
    if key ~= stats.NONE then
      named[key] = true
      series[#series + 1] = {name = key, color = svg.PALETTE[#series + 1], values = {}}
    end
  end
  local other = {name = "other", color = svg.OTHER, values = {}}
  for i, month in ipairs(labels) do
    local m = model.months[month] or {}
    for _, s in ipairs(series) do s.values[i] = m[s.name] or 0 end
    local rest = 0
    for source, n in pairs(m) do if not named[source] then rest = rest + n end end
    other.values[i] = rest
  end
  local any_other = false
  for _, v in ipairs(other.values) do any_other = any_other or v > 0 end
  if any_other then series[#series + 1] = other end
  return svg.stacked {width = 976, height = 360, labels = labels, series = series,
                      title = "posts per month by source"}
end

local function top_chart(list, color, title)
  if #list == 0 then return '<p class="empty">none found</p>' end
  local items = {}
  for i, e in ipairs(list) do items[i] = {name = e.name, value = e.count, note = e.note} end
  return svg.hbars {width = 312, items = items, color = color, name_cols = 14, title = title}
end

local function source_table(out, groups, total)
  out[#out + 1] = '<table><thead><tr><th>source</th><th class="n">posts</th><th class="n">share</th>' ..
    '<th class="n">median chars</th><th class="n">p90 chars</th><th class="n">CJK</th><th class="n">errors</th></tr></thead><tbody>'
  local function row(g, name)
    out[#out + 1] = string.format('<tr><td>%s</td><td class="n">%s</td><td class="n">%.1f%%</td><td class="n">%s</td>' ..
      '<td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
      esc(name or g.key), thousands(g.posts), g.share * 100, g.median and thousands(g.median) or "–",
      g.p90 and thousands(g.p90) or "–", g.cjk and string.format("%.0f%%", g.cjk * 100) or "–", thousands(g.errors))
  end
  for _, g in ipairs(groups) do row(g) end
  out[#out + 1] = "</tbody><tfoot>"
  row(total, "total")
  out[#out + 1] = "</tfoot></table>"
end

local function fact_value(f)
  local v = f.value
  local s
  if math.type(v) == "integer" or (v == math.floor(v) and math.abs(v) < 1e15) then
    s = thousands(math.tointeger(v) or string.format("%.0f", v))
  else
    s = string.format("%.4g", v)
  end
  return s .. (f.unit and (" " .. f.unit) or "")
end

local function facts_table(out, model)
  if not model.grammar then
    out[#out + 1] = '<p class="empty">The grammar module (quire.grammar) is not in this build: no facts extracted.</p>'
    return
  end
  local top = stats.top(model.facts, report.FACTS)
  if #top == 0 then
    out[#out + 1] = '<p class="empty">No facts found in these posts.</p>'
    return
  end
  out[#out + 1] = '<table><thead><tr><th>where</th><th>subject</th><th>measure</th><th class="n">value</th>' ..
    '<th>when</th><th class="n">posts</th><th>latest post</th></tr></thead><tbody>'
  for _, e in ipairs(top) do
    local f = model.fact_rows[e.name]
    if f then
      out[#out + 1] = string.format('<tr><td>%s</td><td>%s</td><td>%s</td><td class="n">%s</td><td class="d">%s</td>' ..
        '<td class="n">%d</td><td>%s</td></tr>',
        esc(f.where or ""), esc(f.subject), esc(f.measure or ""), esc(fact_value(f)), esc(f.when or ""),
        e.count, esc(ustr.truncate(f.title or f.text or "", 40)))
    end
  end
  out[#out + 1] = "</tbody></table>"
end

local function errors_table(out, model)
  if model.nerrors == 0 then
    out[#out + 1] = '<p class="empty">No record had an error.</p>'
    return
  end
  out[#out + 1] = '<table><thead><tr><th>file</th><th>reason</th></tr></thead><tbody>'
  for _, e in ipairs(model.errors) do
    out[#out + 1] = string.format('<tr><td class="path">%s</td><td>%s</td></tr>', esc(e.path or "?"), esc(e.reason))
  end
  out[#out + 1] = "</tbody></table>"
  if model.nerrors > #model.errors then
    out[#out + 1] = string.format('<p class="note">… and %s more (the first %d are listed).</p>',
      thousands(model.nerrors - #model.errors), #model.errors)
  end
end

--- The page for MODEL as a string. opts: title (what the report is about,
-- e.g. the archive paths), raw (lengths of the whole text), generated (a
-- line for the footer).
function report.html(model, opts)
  opts = opts or {}
  local groups, total = stats.groups(model.stats)
  local out = {}
  local title = opts.title or "archive"
  out[#out + 1] = '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">'
  out[#out + 1] = '<meta name="viewport" content="width=device-width, initial-scale=1">'
  out[#out + 1] = "<title>quire report: " .. esc(title) .. "</title>"
  out[#out + 1] = "<style>" .. CSS .. "</style>\n</head>\n<body>\n<main>"
  local first, last = date_of(model.first), date_of(model.last)
  out[#out + 1] = string.format("<header><h1>%s</h1><p>%s posts%s</p></header>", esc(title),
    thousands(total.posts), first and esc(string.format(", %s to %s", first, last)) or "")

  local nsources = 0
  for _, g in ipairs(groups) do if g.key ~= stats.NONE then nsources = nsources + 1 end end
  local nmonths = #month_range(model.months)
  out[#out + 1] = '<div class="cards">'
  for _, c in ipairs {
    {thousands(total.posts), "posts"}, {thousands(nsources), "sources"}, {thousands(nmonths), "months"},
    {total.median and thousands(total.median) or "–", "median characters"},
    {thousands(total.errors), "records with errors"},
  } do
    out[#out + 1] = string.format('<div class="card"><b>%s</b><span>%s</span></div>', c[1], esc(c[2]))
  end
  out[#out + 1] = "</div>"

  section(out, "monthly", "Posts per month",
    string.format("Stacked by source: the %d largest in colour, the rest as “other”. Months in %s.",
      math.min(report.SERIES, nsources), require("quire.record").defaults.tz))
  local chart = monthly_chart(model, groups)
  out[#out + 1] = chart and ("<figure>" .. chart .. "</figure>") or '<p class="empty">No dated posts.</p>'
  out[#out + 1] = "</section>"

  local labels, values = {}, {}
  for i, b in ipairs(report.LENGTH_BINS) do labels[i], values[i] = b[2], model.lengths[i] or 0 end
  section(out, "lengths", "Text length",
    string.format("Posts by length of the %s in characters; median %s, 90th percentile %s.",
      opts.raw and "body's whole text" or "cleaned article",
      total.median and thousands(total.median) or "–", total.p90 and thousands(total.p90) or "–"))
  out[#out + 1] = "<figure>" .. svg.columns {width = 976, height = 300, labels = labels, values = values,
    color = svg.PALETTE[1], title = "posts by text length", xlabel = "characters"} .. "</figure>"
  out[#out + 1] = "</section>"

  section(out, "top", "Top sources, origins and editors",
    "Sources are the feeds; origins (来源) and editors (责任编辑) are the lines the cleaner finds in the text.")
  out[#out + 1] = '<div class="three">'
  local top_sources = {}
  for _, g in ipairs(groups) do
    if #top_sources < report.TOP and g.key ~= stats.NONE then
      top_sources[#top_sources + 1] = {name = g.key, count = g.posts}
    end
  end
  local acc = model.stats
  for _, col in ipairs {
    {"Sources", top_sources, svg.PALETTE[1]},
    {"Origins", stats.top(acc.origins, report.TOP), svg.PALETTE[2]},
    {"Editors", stats.top(acc.editors, report.TOP), svg.PALETTE[3]},
  } do
    out[#out + 1] = "<div><h3>" .. esc(col[1]) .. "</h3>" .. top_chart(col[2], col[3], col[1]) .. "</div>"
  end
  out[#out + 1] = "</div></section>"

  section(out, "sources", "By source",
    "Median and 90th percentile of text length in characters; CJK is the average share of a post’s letters and digits that are Chinese, Japanese or Korean.")
  source_table(out, groups, total)
  out[#out + 1] = "</section>"

  section(out, "facts", "Facts most often reported",
    "Counts, changes and totals the grammars read in the text (新增, 累计, 同比增长 …), by how many posts state them; value and date from the latest.")
  facts_table(out, model)
  out[#out + 1] = "</section>"

  section(out, "errors", string.format("Errors (%s)", thousands(model.nerrors)),
    "Records whose file could not be read whole; they are counted above with what could be read.")
  errors_table(out, model)
  out[#out + 1] = "</section>"

  out[#out + 1] = "<footer>Made by quire " .. esc(opts.version or require("quire").version) ..
    (opts.generated and (" · " .. esc(opts.generated)) or "") .. "</footer>"
  out[#out + 1] = "</main>\n</body>\n</html>\n"
  return table.concat(out, "\n")
end

return report
