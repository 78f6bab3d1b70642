--- quire.stats: per-group counts and text lengths of an archive, for
-- `quire stats` and `quire report`.
--
--   local stats = require "quire.stats"
--   local acc = stats.new{by = "source"}
--   for rec in quire.open("posts/") do stats.add(acc, stats.summarize(rec, {by = "source"})) end
--   for _, g in ipairs(stats.groups(acc)) do print(g.key, g.posts, g.median) end
--
-- A summary is a small JSON-able table made per record (in a worker of
-- quire.map): {key =, chars =, cjk =, error =, origin =, editor =, terms =,
-- facts =, time =, source =, path =}. Reducing summaries keeps one entry
-- per group, and text lengths go into a histogram (below), so memory is
-- bounded by the number of groups, not by the number of posts.
--
-- Text is the cleaned article (rec:text() from quire.clean) when that
-- module is there, else the body's whole text; opts.raw asks for the whole
-- text always. Lengths are in characters (code points, quire.ustr.len).

local ustr = require "quire.ustr"
local record = require "quire.record"
local cdate = require "quire.c.date"

local stats = {}

--- The keys --by takes, in help order.
stats.keys = {"source", "category", "author", "month", "year", "weekday", "hour", "editor", "origin"}

-- Keys whose groups read in their natural order (time), not by size.
local ORDERED = {month = true, year = true, weekday = true, hour = true}

local WEEKDAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
local WEEKDAY_ORDER = {Mon = 1, Tue = 2, Wed = 3, Thu = 4, Fri = 5, Sat = 6, Sun = 7}

--- Group names for records that lack the field.
stats.NONE = "(none)"
stats.NO_DATE = "(no date)"

-- ---- the modules that land beside this one, each behind one helper ----

-- Loads quire.clean when it is there, so records have rec:clean/rec:text.
local function has_cleaner(rec)
  if type(rec.text) ~= "function" then pcall(require, "quire.clean") end
  return type(rec.clean) == "function" and type(rec.text) == "function"
end

--- The text of REC measured by stats: the cleaned article when quire.clean
-- is there (rec:text()), else the body's whole text (rec:dom():text()).
-- RAW asks for the whole text always. A record read back from JSON Lines
-- (rec.cleaned) has only its article. nil when the record has neither.
function stats.clean_text(rec, raw)
  if not rec.body then
    if rec.cleaned and has_cleaner(rec) then return rec:text() end
    return nil
  end
  if not raw and has_cleaner(rec) then return rec:text() end
  return rec:dom():text()
end

--- The origin (来源) and editor (责任编辑) lifted from REC's body by
-- quire.clean, or nil when the cleaner is not there or finds none.
function stats.origin_editor(rec)
  if not (rec.body or rec.cleaned) or not has_cleaner(rec) then return nil, nil end
  rec:clean()
  local function str(v) return type(v) == "string" and v ~= "" and v or nil end
  return str(rec.origin), str(rec.editor)
end

--- Facts (quire.grammar kind "fact") in TEXT, dated by REC, as plain
-- tables {subject, measure, value, unit, when, where, text}; nil when the
-- grammar module is not there.
function stats.facts(text, rec)
  local ok, grammar = pcall(require, "quire.grammar")
  if not ok or type(grammar) ~= "table" or type(grammar.extract) ~= "function" then return nil end
  local out = {}
  for _, m in ipairs(grammar.extract(text, {kinds = {"fact"}, time = rec.time})) do
    if m.kind == "fact" or m.kind == "facts" then
      out[#out + 1] = {subject = m.subject, measure = m.measure,
        value = type(m.value) == "number" and m.value or nil,
        unit = type(m.unit) == "string" and m.unit or nil,
        when = type(m.when) == "string" and m.when or nil,
        where = type(m.where) == "string" and m.where or nil, text = m.text}
    end
  end
  return out
end

--- Up to K key terms of TEXT from quire.summary.keywords, as strings; nil
-- when that module is not there.
function stats.terms(text, k)
  local ok, summary = pcall(require, "quire.summary")
  if not ok or type(summary) ~= "table" or type(summary.keywords) ~= "function" then return nil end
  local out = {}
  for _, w in ipairs(summary.keywords(text, k) or {}) do
    if type(w) == "table" then w = w.word or w.term or w[1] end
    if type(w) == "string" and w ~= "" then out[#out + 1] = w end
  end
  return out
end

-- ---- group keys ----------------------------------------------------------

--- The group of REC for BY (one of stats.keys); TZ for the time keys
-- (default: the archive's zone). ORIGIN and EDITOR are the cleaner's.
function stats.key(rec, by, tz, origin, editor)
  if by == "source" then return rec.source or stats.NONE end
  if by == "category" then return rec.categories and rec.categories[1] or stats.NONE end
  if by == "author" then return rec.author or stats.NONE end
  if by == "origin" then return origin or stats.NONE end
  if by == "editor" then return editor or stats.NONE end
  if not rec.time then return stats.NO_DATE end
  local c = cdate.civil(rec.time, tz or record.defaults.tz)
  if by == "month" then return string.format("%04d-%02d", c.year, c.month) end
  if by == "year" then return string.format("%04d", c.year) end
  if by == "weekday" then return WEEKDAYS[c.wday] end
  if by == "hour" then return string.format("%02d", c.hour) end
  error("unknown group key '" .. tostring(by) .. "'", 2)
end

--- The summary of one record (see the module comment). opts: by (a key or
-- a list of keys: then key is a table by name), raw, tz, top (also the
-- cleaner's origin and editor, and up to 5 terms), people (origin and
-- editor without terms), facts (also facts).
function stats.summarize(rec, opts)
  opts = opts or {}
  local s = {error = rec.error, path = rec.path, time = rec.time, source = rec.source}
  local text = stats.clean_text(rec, opts.raw)
  if text then
    s.chars = ustr.len(text)
    if s.chars > 0 then
      -- rounded so one worker or several give the same sums
      s.cjk = math.floor(ustr.cjk_ratio(text) * 10000 + 0.5) / 10000
    end
  end
  local origin, editor
  local by = opts.by or "source"
  local function wants(k)
    if type(by) == "table" then for _, b in ipairs(by) do if b == k then return true end end return false end
    return by == k
  end
  if opts.top or opts.people or wants("origin") or wants("editor") then
    origin, editor = stats.origin_editor(rec)
    s.origin, s.editor = origin, editor
  end
  if opts.top and text then s.terms = stats.terms(text, 5) end
  if opts.facts and text then s.facts = stats.facts(text, rec) end
  if type(by) == "table" then
    s.key = {}
    for _, b in ipairs(by) do s.key[b] = stats.key(rec, b, opts.tz, origin, editor) end
  else
    s.key = stats.key(rec, by, opts.tz, origin, editor)
  end
  return s
end

-- ---- length histogram ----------------------------------------------------
-- The first stats.EXACT_UP_TO lengths of a group are kept as they are, so
-- small groups get exact figures. Past that they go into buckets: lengths
-- below 128 have a bucket each; above, every power of two is cut into 64
-- buckets, so a bucket is at most 1/64 of its values wide (1.6%) and a
-- group needs at most a few hundred buckets whatever its size.

stats.EXACT_UP_TO = 1024

local EXACT, SUB = 128, 64

local function bucket_of(v)
  if v < EXACT then return v end
  local e = 7
  while (v >> (e + 1)) > 0 do e = e + 1 end
  return EXACT + (e - 7) * SUB + ((v >> (e - 6)) - SUB)
end

--- The lowest length in bucket B and the bucket's width.
function stats.bucket_range(b)
  if b < EXACT then return b, 1 end
  local e, sub = 7 + (b - EXACT) // SUB, (b - EXACT) % SUB
  return (SUB + sub) << (e - 6), 1 << (e - 6)
end

--- An empty histogram of lengths.
function stats.histogram()
  return {n = 0, sum = 0, values = {}}
end

--- The bucket counts of histogram H (bucket number -> count; see
-- stats.bucket_range), whether or not it still keeps exact values.
function stats.hist_counts(h)
  if h.counts then return h.counts end
  local counts = {}
  for _, v in ipairs(h.values) do
    local b = bucket_of(v)
    counts[b] = (counts[b] or 0) + 1
  end
  return counts
end

--- Adds length V (a whole number >= 0) to histogram H.
function stats.hist_add(h, v)
  h.n, h.sum = h.n + 1, h.sum + v
  if not h.min or v < h.min then h.min = v end
  if not h.max or v > h.max then h.max = v end
  if h.values then
    h.values[#h.values + 1] = v
    if #h.values <= stats.EXACT_UP_TO then return end
    h.counts, h.values = stats.hist_counts(h), nil
    return
  end
  local b = bucket_of(v)
  h.counts[b] = (h.counts[b] or 0) + 1
end

--- The Q-quantile (0 < Q <= 1) of histogram H by nearest rank: the
-- ceil(Q * n)-th length; past stats.EXACT_UP_TO lengths, the middle of
-- the bucket holding it, kept within the lowest and highest lengths seen.
-- nil for an empty histogram.
function stats.quantile(h, q)
  if h.n == 0 then return nil end
  local rank = math.max(1, math.ceil(q * h.n - 1e-9))
  if h.values then
    local sorted = table.move(h.values, 1, #h.values, 1, {})
    table.sort(sorted)
    return sorted[rank]
  end
  local buckets = {}
  for b in pairs(h.counts) do buckets[#buckets + 1] = b end
  table.sort(buckets)
  local seen = 0
  for _, b in ipairs(buckets) do
    seen = seen + h.counts[b]
    if seen >= rank then
      local low, width = stats.bucket_range(b)
      local v = low + (width - 1) // 2
      return math.min(math.max(v, h.min), h.max)
    end
  end
end

-- ---- reducing summaries --------------------------------------------------

local function new_group(key)
  return {key = key, posts = 0, errors = 0, hist = stats.histogram(), cjk_sum = 0, cjk_n = 0}
end

--- Adds COUNT to NAME in a bounded tally T (a table name -> count with
-- t.size): past t.cap names, the names seen least are dropped (those with
-- the lowest count, ties by name), so rare names may be undercounted but
-- memory stays bounded and the result does not depend on -j.
function stats.tally(t, name, count)
  if t[name] == nil then
    t.size = (t.size or 0) + 1
    t[name] = 0
  end
  t[name] = t[name] + (count or 1)
  if t.size > (t.cap or 10000) then
    local names = stats.top(t)
    for i = (t.cap or 10000) // 2 + 1, #names do t[names[i].name] = nil end
    t.size = math.min(#names, (t.cap or 10000) // 2)
  end
end

--- The names of tally T as {name =, count =}, most first (ties by name),
-- at most N of them.
function stats.top(t, n)
  local list = {}
  for name, count in pairs(t) do
    if name ~= "size" and name ~= "cap" then list[#list + 1] = {name = name, count = count} end
  end
  table.sort(list, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.name < b.name
  end)
  if n and #list > n then for i = #list, n + 1, -1 do list[i] = nil end end
  return list
end

--- A new accumulator for summaries grouped by OPTS.by.
function stats.new(opts)
  opts = opts or {}
  return {by = opts.by or "source", groups = {}, total = new_group("total"),
          origins = {cap = 10000}, editors = {cap = 10000}, terms = {cap = 10000}}
end

local function add_to(g, s)
  g.posts = g.posts + 1
  if s.error then g.errors = g.errors + 1 end
  if s.chars then stats.hist_add(g.hist, s.chars) end
  if s.cjk then g.cjk_sum, g.cjk_n = g.cjk_sum + s.cjk, g.cjk_n + 1 end
end

--- Adds summary S to accumulator ACC; returns ACC (a reduce function).
function stats.add(acc, s)
  local key = s.key
  if type(key) == "table" then key = key[acc.by] end
  key = key or stats.NONE
  local g = acc.groups[key]
  if not g then g = new_group(key); acc.groups[key] = g end
  add_to(g, s)
  add_to(acc.total, s)
  if s.origin then stats.tally(acc.origins, s.origin) end
  if s.editor then stats.tally(acc.editors, s.editor) end
  for _, t in ipairs(s.terms or {}) do stats.tally(acc.terms, t) end
  return acc
end

local function finish(g, total)
  local h = g.hist
  return {key = g.key, posts = g.posts, errors = g.errors,
    share = total > 0 and g.posts / total or 0,
    texts = h.n, median = stats.quantile(h, 0.5), p90 = stats.quantile(h, 0.9),
    mean = h.n > 0 and h.sum / h.n or nil, min = h.min, max = h.max,
    cjk = g.cjk_n > 0 and g.cjk_sum / g.cjk_n or nil}
end

local function natural_rank(by, key)
  if key == stats.NONE or key == stats.NO_DATE then return math.huge end
  if by == "weekday" then return WEEKDAY_ORDER[key] or math.huge end
  return 0
end

--- The groups of ACC, finished: {key, posts, errors, share (0..1), texts
-- (posts with text), median, p90, mean, min, max (characters), cjk (0..1)}.
-- Time keys in time order; the others by posts, most first, then by name;
-- "(none)" and "(no date)" last. Also returns the total, finished alike.
function stats.groups(acc)
  local total = acc.total.posts
  local list = {}
  for _, g in pairs(acc.groups) do list[#list + 1] = finish(g, total) end
  local ordered = ORDERED[acc.by]
  table.sort(list, function(a, b)
    local ra, rb = natural_rank(acc.by, a.key), natural_rank(acc.by, b.key)
    if ra ~= rb then return ra < rb end
    if not ordered and a.posts ~= b.posts then return a.posts > b.posts end
    return a.key < b.key
  end)
  return list, finish(acc.total, total)
end

return stats
