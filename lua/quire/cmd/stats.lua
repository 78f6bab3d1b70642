--- quire stats: posts, shares and text lengths per source, month, ... as
-- a table, JSON or CSV.
local quire = require "quire"
local stats = require "quire.stats"
local archive = require "quire.archive"
local ustr = require "quire.ustr"
local cjson = require("cjson").new()
cjson.encode_invalid_numbers(true)

local cmd = {
  summary = "posts, share, text length and CJK ratio per source, month, ...",
  usage = "quire stats ARCHIVE... [--by KEY] [--format table|json|csv] [--top N] [--raw] [-o OUT]",
  help = [[One row per group: posts, share of all posts, median and 90th percentile
text length in characters, the average CJK share of a post's letters and
digits, and how many of the group's posts have an error (they count as posts
too, in their group or "(none)"; they are also printed on stderr and make the
exit status 1). The table ends with a total row and fits 80 columns: group
names are cut by display width (a Chinese character is two columns wide).

Text is the cleaned article (what 'quire clean' prints), or with --raw the
body's whole text. Median and p90 are by nearest rank, exact for groups of
up to 1,024 posts; past that a group's lengths go into a histogram (exact
below 128 characters, above that the middle of a bucket 1/64 of its values
wide: within 1.6%), so memory grows with the number of groups only.

--by category is a post's first (top-level) category; month, year, weekday
and hour are in the archive's time zone (--tz); editor and origin are the
责任编辑 and 来源 lines the cleaner finds in the body. Names group in order
of size, times in time order; posts without the field are "(none)" or
"(no date)". --top N adds the N most frequent origins and editors (and key
terms when quire.summary is there) under the table.

--format json writes one object; --format csv one row per group (RFC 4180,
no total row). -o OUT writes the file under a temporary name and renames it
when complete.

  quire stats posts/
  quire stats posts/ --by month --since 2021-01-01
  quire stats posts/ --by editor --top 10 -j 2
  quire stats posts/ --format csv -o sources.csv]],
  options = {
    {long = "--by", arg = "KEY", choices = stats.keys, default = "source", help = "group posts by"},
    {long = "--format", arg = "FORMAT", choices = {"table", "json", "csv"}, default = "table", help = "output"},
    {long = "--top", arg = "N", type = "integer", help = "also list the N most frequent origins, editors (and terms)"},
    {long = "--raw", help = "measure the body's whole text, not the cleaned article"},
  },
}

local function percent(x, digits)
  if x == nil then return "-" end
  return string.format("%." .. (digits or 1) .. "f%%", x * 100)
end

local function num(x)
  if x == nil then return "-" end
  return tostring(math.tointeger(x) or x)
end

-- The rows of the table: group, posts, share, median, p90, CJK %, errors.
local COLUMNS = {"posts", "share", "median", "p90", "CJK %", "errors"}

local function cells(g)
  return {num(g.posts), percent(g.share), num(g.median), num(g.p90), percent(g.cjk, 0), num(g.errors)}
end

-- Lines of an aligned table: a left-aligned first column cut to fit WIDTH
-- columns in all, right-aligned numbers, a rule under the header.
function cmd.table_lines(title, groups, total, width)
  width = width or 80
  local rows = {}
  for _, g in ipairs(groups) do rows[#rows + 1] = {g.key, cells(g)} end
  if total then rows[#rows + 1] = {"total", cells(total)} end
  local widths = {}
  for i, c in ipairs(COLUMNS) do widths[i] = #c end
  for _, r in ipairs(rows) do
    for i, c in ipairs(r[2]) do widths[i] = math.max(widths[i], #c) end
  end
  local fixed = 0
  for _, w in ipairs(widths) do fixed = fixed + w + 2 end
  local first = ustr.width(title)
  for _, r in ipairs(rows) do first = math.max(first, ustr.width(r[1])) end
  first = math.max(8, math.min(first, width - fixed))
  local function line(name, values)
    local parts = {ustr.pad(ustr.truncate(name, first), first)}
    for i, v in ipairs(values) do parts[#parts + 1] = string.rep(" ", widths[i] - #v) .. v end
    return (table.concat(parts, "  "):gsub("%s+$", ""))
  end
  local out = {line(title, COLUMNS)}
  local rule = {string.rep("-", first)}
  for i, w in ipairs(widths) do rule[i + 1] = string.rep("-", w) end
  out[2] = table.concat(rule, "  ")
  for i, r in ipairs(rows) do
    if total and i == #rows then out[#out + 1] = out[2] end
    out[#out + 1] = line(r[1], r[2])
  end
  return out
end

-- Lines of a "top N" list: name and count, names cut to fit.
local function top_lines(title, list, width)
  if #list == 0 then return {title .. ": none found"} end
  local countw = #"posts"
  for _, e in ipairs(list) do countw = math.max(countw, #tostring(e.count)) end
  local first = ustr.width(title)
  for _, e in ipairs(list) do first = math.max(first, ustr.width(e.name)) end
  first = math.min(first, width - countw - 2)
  local out = {ustr.pad(title, first) .. "  " .. string.rep(" ", countw - 5) .. "posts",
               string.rep("-", first) .. "  " .. string.rep("-", countw)}
  for _, e in ipairs(list) do
    local c = tostring(e.count)
    out[#out + 1] = ustr.pad(ustr.truncate(e.name, first), first) .. "  " .. string.rep(" ", countw - #c) .. c
  end
  return out
end

-- ---- JSON with keys in a fixed order -------------------------------------

local function json(v)
  return (cjson.encode(v):gsub("\\/", "/"))
end

-- An object from a list of {key, value} pairs (nil values left out).
local function object(pairs_)
  local parts = {}
  for _, kv in ipairs(pairs_) do
    if kv[2] ~= nil then parts[#parts + 1] = json(kv[1]) .. ":" .. kv[2] end
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function round(x, digits)
  if x == nil then return nil end
  local m = 10 ^ digits
  local r = math.floor(x * m + 0.5) / m
  return math.tointeger(r) or r
end

local function jnum(x) if x ~= nil then return json(x) end end

local function group_json(g)
  return object {
    {"key", json(g.key)}, {"posts", jnum(g.posts)}, {"share", jnum(round(g.share, 4))},
    {"texts", jnum(g.texts)}, {"median_chars", jnum(g.median)}, {"p90_chars", jnum(g.p90)},
    {"mean_chars", jnum(round(g.mean, 1))}, {"min_chars", jnum(g.min)}, {"max_chars", jnum(g.max)},
    {"cjk_ratio", jnum(round(g.cjk, 4))}, {"errors", jnum(g.errors)},
  }
end

local function top_json(list)
  if list == nil then return nil end
  local items = {}
  for i, e in ipairs(list) do items[i] = object {{"name", json(e.name)}, {"posts", json(e.count)}} end
  return "[" .. table.concat(items, ",") .. "]"
end

-- ---- CSV (RFC 4180) ---------------------------------------------------------

local function csv_field(v)
  v = v == nil and "" or tostring(v)
  if v:find('[,"\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local function csv_line(values)
  local out = {}
  for i = 1, #values do out[i] = csv_field(values[i]) end
  return table.concat(out, ",") .. "\r\n"
end

--- The output of stats for accumulator ACC as a string. opts: format,
-- top (N), raw (for the footer's wording).
function cmd.render(acc, opts)
  local groups, total = stats.groups(acc)
  local top
  if opts.top then
    top = {origins = stats.top(acc.origins, opts.top), editors = stats.top(acc.editors, opts.top)}
    if acc.terms.size then top.terms = stats.top(acc.terms, opts.top) end
  end
  if opts.format == "json" then
    local items = {}
    for i, g in ipairs(groups) do items[i] = group_json(g) end
    return object {
      {"by", json(acc.by)}, {"text", json(opts.raw and "raw" or "clean")},
      {"posts", json(total.posts)}, {"errors", json(total.errors)}, {"failed", json(opts.failed or 0)},
      {"groups", "[" .. table.concat(items, ",") .. "]"}, {"total", group_json(total)},
      {"top_origins", top and top_json(top.origins)}, {"top_editors", top and top_json(top.editors)},
      {"top_terms", top and top_json(top.terms)},
    } .. "\n"
  elseif opts.format == "csv" then
    local out = {csv_line {acc.by, "posts", "share", "median_chars", "p90_chars", "cjk_ratio", "errors"}}
    for _, g in ipairs(groups) do
      out[#out + 1] = csv_line {g.key, g.posts, round(g.share, 4), g.median, g.p90, round(g.cjk, 4), g.errors}
    end
    return table.concat(out)
  end
  local lines = cmd.table_lines(acc.by, groups, total, 80)
  lines[#lines + 1] = string.format("%d posts, %d with errors; lengths in characters of the %s",
    total.posts, total.errors, opts.raw and "body's whole text" or "cleaned article")
  if (opts.failed or 0) > 0 then
    -- records the measuring itself failed on (a user's profile that raises):
    -- reported above, and not in the table
    lines[#lines + 1] = string.format("%d more could not be measured (the errors above)", opts.failed)
  end
  if top then
    for _, t in ipairs {{"origins", "origin"}, {"editors", "editor"}, {"terms", "term"}} do
      local list = top[t[1]]
      if list then
        lines[#lines + 1] = ""
        for _, l in ipairs(top_lines(string.format("top %d %s", opts.top, t[1]), list, 80)) do
          lines[#lines + 1] = l
        end
      end
    end
  end
  return table.concat(lines, "\n") .. "\n"
end

function cmd.run(ctx)
  local opts = ctx.opts
  if #ctx.args == 0 then
    io.stderr:write("quire: stats needs an ARCHIVE (see 'quire stats --help')\n")
    return 2
  end
  local sopts = {by = opts.by, raw = opts.raw, top = opts.top and opts.top > 0 or nil}
  -- nil paths: the command line's archives through --where/--since/--until
  local errors_before = archive.counts.errors
  local acc = quire.map(nil, function(rec)
    local s = stats.summarize(rec, sopts)
    s.path, s.time, s.source = nil, nil, nil  -- not needed here: less to send
    return s
  end, {jobs = opts.jobs, reduce = stats.add, init = stats.new {by = opts.by}})
  -- every error counted but not in the table: records stats.summarize raised on
  local failed = archive.counts.errors - errors_before - acc.total.errors
  local text = cmd.render(acc, {format = opts.format, top = sopts.top and opts.top, raw = opts.raw,
                                failed = failed})
  if opts.output then
    local out, err = require("quire.atomic").open(opts.output)
    if not out then io.stderr:write("quire: ", err, "\n"); return 1 end
    out.file:write(text)
    local ok, cerr = out:commit()
    if not ok then io.stderr:write("quire: ", cerr, "\n"); return 1 end
  else
    io.stdout:write(text)
  end
  return 0
end

return cmd
