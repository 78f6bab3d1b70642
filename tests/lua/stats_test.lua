-- quire.stats and `quire stats`: group keys, the length histogram (exact,
-- then bucketed within 1.6%), bounded tallies, grouping and order, the
-- cleaner's text, origin and editor, and the table fitting 80 columns.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local stats = require "quire.stats"
local ustr = require "quire.ustr"
local cjson = require "cjson"
local cmd = require "quire.cmd.stats"
local root = os.getenv("QUIRE_ROOT")
local archive = root .. "/examples/archive"

-- ---- histogram ---------------------------------------------------------------

-- every length falls in the bucket whose range holds it, buckets at most 1/64 wide
local bad = 0
for _, v in ipairs {0, 1, 127, 128, 129, 255, 256, 1000, 4095, 4096, 65537, 1234567, 1 << 30} do
  local h = stats.histogram()
  local saved = stats.EXACT_UP_TO
  stats.EXACT_UP_TO = 0
  stats.hist_add(h, v)
  stats.EXACT_UP_TO = saved
  local b = next(h.counts)
  local low, width = stats.bucket_range(b)
  if not (v >= low and v < low + width and (v < 128 and width == 1 or width <= low / 64)) then
    bad = bad + 1
    io.stderr:write(string.format("length %d in bucket %d [%d, +%d)\n", v, b, low, width))
  end
end
check.eq(bad, 0, "lengths fall in their buckets")

-- exact up to EXACT_UP_TO lengths: nearest rank
local h = stats.histogram()
for _, v in ipairs {116, 220, 318, 322, 571, 726, 913, 1274, 2734, 3233} do stats.hist_add(h, v) end
check.eq(stats.quantile(h, 0.5), 571)
check.eq(stats.quantile(h, 0.9), 2734)
check.eq(stats.quantile(h, 1), 3233)
check.eq(stats.quantile(h, 0.01), 116)
check.eq(stats.quantile(stats.histogram(), 0.5), nil, "an empty histogram has no median")
check.eq(h.n, 10)
check.eq(h.sum, 10427)

-- past that, bucketed: within 1.6% of the exact figure, and memory bounded
local big = stats.histogram()
local values = {}
local x = 12345
for i = 1, 20000 do
  x = (x * 1103515245 + 12345) % 2147483648
  local v = x % 50000
  values[i] = v
  stats.hist_add(big, v)
end
table.sort(values)
check.eq(big.values, nil, "the exact list is dropped past the limit")
local buckets = 0
for _ in pairs(big.counts) do buckets = buckets + 1 end
check.ok(buckets < 1000, "buckets bounded: " .. buckets)
for _, q in ipairs {0.5, 0.9, 0.99} do
  local exact = values[math.ceil(q * #values)]
  local got = stats.quantile(big, q)
  check.ok(math.abs(got - exact) <= exact / 64 + 1, string.format("q%.2f: %d vs exact %d", q, got, exact))
end
check.eq(big.min, values[1])
check.eq(big.max, values[#values])

-- ---- tallies stay bounded -------------------------------------------------------

local t = {cap = 8}
for i = 1, 100 do stats.tally(t, "rare" .. i) end
for _ = 1, 50 do stats.tally(t, "common") end
stats.tally(t, "second", 20)
local n = 0
for k in pairs(t) do if k ~= "cap" and k ~= "size" then n = n + 1 end end
check.ok(n <= 8, "tally holds at most cap names: " .. n)
check.eq(t.size, n, "size counts the names")
local top = stats.top(t, 2)
check.same({top[1].name, top[1].count, top[2].name, top[2].count}, {"common", 50, "second", 20})

-- ---- group keys -------------------------------------------------------------------

local rec = quire.record.parse(table.concat({
  "---", "title: 江苏省长，凌晨开会", "categories:", "  - 金融", "  - 新浪财经", "  - 新浪财经－国內",
  "author: 新浪财经", "date: Sun, 08 Aug 2021 16:10:12 GMT", "---",
  "<p>来源：政事儿</p><p>江苏省长吴政隆凌晨开会。</p><p>责任编辑：李思阳</p>"}, "\n"), "x.md")
local want = {source = "新浪财经", category = "金融", author = "新浪财经", month = "2021-08",
  year = "2021", weekday = "Mon", hour = "00"}
for k, v in pairs(want) do check.eq(stats.key(rec, k), v, "--by " .. k) end
check.eq(stats.key(rec, "weekday", "UTC"), "Sun", "weekday in UTC")
check.eq(stats.key(rec, "hour", "UTC"), "16", "hour in UTC")
check.eq(stats.key(rec, "month", "America/New_York"), "2021-08")
check.eq(stats.key(rec, "origin", nil, "政事儿"), "政事儿")
check.eq(stats.key(rec, "editor"), "(none)")
local undated = quire.record.parse("---\ntitle: x\n---\n<p>x</p>", "y.md")
check.eq(stats.key(undated, "month"), "(no date)")
check.eq(stats.key(undated, "source"), "(none)")
check.raises("unknown group key 'nope'", stats.key, rec, "nope")

-- ---- summaries: the cleaned text when the cleaner is there ---------------------------

local s = stats.summarize(rec, {by = "source", raw = true})
check.eq(s.key, "新浪财经")
check.eq(s.chars, ustr.len(rec:dom():text()), "--raw measures the body's whole text")
check.ok(s.cjk > 0.9, "CJK share of a Chinese post")
local clean_present = pcall(require, "quire.clean") and type(rec.text) == "function"
s = stats.summarize(rec, {by = {"source", "origin", "editor"}})
if clean_present then
  check.eq(s.chars, ustr.len(rec:text()), "the cleaned article's length")
  check.eq(s.key.origin, rec.origin or "(none)")
  check.eq(s.key.editor, rec.editor or "(none)")
else
  check.eq(s.chars, ustr.len(rec:dom():text()), "no cleaner: the body's whole text")
  check.eq(s.key.origin, "(none)")
end

-- a record whose cleaner lifts origin and editor (as quire.clean does)
local fake = quire.record.parse("---\ntitle: t\ncategories: [a, feed]\n---\n<p>abc 中文</p>", "f.md")
fake.clean = function(self) self.origin, self.editor = "新华社", "王蒙"; return {}, {} end
fake.text = function() return "中文正文 ok" end
s = stats.summarize(fake, {by = "editor", top = true})
check.same({s.key, s.origin, s.editor, s.chars}, {"王蒙", "新华社", "王蒙", 7})
check.eq(s.cjk, 0.6667, "CJK share rounded to 4 places")

-- an error record still counts, in "(none)"
local broken = quire.record.parse("", "empty.md")
s = stats.summarize(broken, {by = "source"})
check.same({s.key, s.error, s.chars}, {"(none)", "empty file", nil})

-- the summary crosses a worker pipe
check.ok(pcall(cjson.encode, stats.summarize(rec, {by = {"source", "month"}, facts = true, top = true})))

-- facts from the grammar module when it is there
local facts = stats.facts("江苏新增本土确诊病例38例。", rec)
local ok_grammar, grammar = pcall(require, "quire.grammar")
if ok_grammar and type(grammar.extract) == "function" then
  check.ok(type(facts) == "table", "facts with the grammar module")
  for _, f in ipairs(facts) do check.ok(f.text ~= nil and (f.value == nil or type(f.value) == "number")) end
else
  check.eq(facts, nil, "no grammar module: nil")
end

-- ---- reducing -----------------------------------------------------------------------------

local acc = stats.new {by = "source"}
local function add(key, chars, err, cjk) stats.add(acc, {key = key, chars = chars, error = err, cjk = cjk}) end
add("b", 10, nil, 1) add("a", 20, nil, 0.5) add("b", 30, "bad", 0) add("(none)", nil, "cannot read")
add("a", 40) add("a", 50) add("c", 5)
local groups, total = stats.groups(acc)
local keys = {}
for i, g in ipairs(groups) do keys[i] = g.key end
check.same(keys, {"a", "b", "c", "(none)"}, "by size, then name, (none) last")
check.same({groups[1].posts, groups[1].median, groups[1].p90, groups[1].errors, groups[1].cjk},
           {3, 40, 50, 0, 0.5})
check.same({groups[2].errors, groups[2].cjk, groups[4].texts, groups[4].median}, {1, 0.5, 0, nil})
check.same({total.posts, total.errors, total.texts}, {7, 2, 6})
check.eq(groups[1].share, 3 / 7)

local months = stats.new {by = "month"}
for _, k in ipairs {"2022-01", "(no date)", "2021-12", "2021-12", "2021-12"} do stats.add(months, {key = k}) end
keys = {}
for i, g in ipairs(stats.groups(months)) do keys[i] = g.key end
check.same(keys, {"2021-12", "2022-01", "(no date)"}, "months in time order")
local days = stats.new {by = "weekday"}
for _, k in ipairs {"Sun", "Mon", "Sat", "Wed"} do stats.add(days, {key = k}) end
keys = {}
for i, g in ipairs(stats.groups(days)) do keys[i] = g.key end
check.same(keys, {"Mon", "Wed", "Sat", "Sun"}, "weekdays from Monday")

-- ---- rendering -----------------------------------------------------------------------------

-- long names of every script are cut by display width: every line fits 80 columns
local wide = stats.new {by = "source"}
for _, name in ipairs {"新浪财经－国內新浪财经－国內新浪财经－国內新浪财经", "Webtoons - [Naver](https://comic.naver.com/webtoon)",
                       "1draw 深夜の真剣お絵描き 60 分一本勝負 - 投稿一览", "短"} do
  stats.add(wide, {key = name, chars = 123456, cjk = 0.5, origin = name, editor = name})
end
local text = cmd.render(wide, {format = "table", top = 3})
local widest = 0
for line in text:gmatch("[^\n]+") do widest = math.max(widest, ustr.width(line)) end
check.ok(widest <= 80, "table fits 80 columns: " .. widest)
check.ok(text:find("新浪财经－国內新浪财经－国內", 1, true) and text:find("…", 1, true), "long names cut with an ellipsis")
check.ok(text:find("top 3 origins", 1, true) and text:find("top 3 editors", 1, true), "top lists")
-- a name of one column per character lines up with the numbers
local lines = {}
for line in text:gmatch("[^\n]+") do lines[#lines + 1] = line end
local ends = {}
for i = 3, 6 do ends[#ends + 1] = ustr.width(lines[i]) end
check.same(ends, {widest, widest, widest, widest}, "rows end in the same column")

-- JSON parses and keeps its key order; CSV quotes by RFC 4180
local j = cmd.render(wide, {format = "json"})
local obj = cjson.decode(j)
check.eq(obj.posts, 4)
check.eq(#obj.groups, 4)
check.ok(j:find('^{"by":"source","text":"clean","posts":4,"errors":0,"failed":0,"groups":%[{"key":'), j:sub(1, 80))
-- records the measuring failed on are counted apart from the table
check.eq(cjson.decode(cmd.render(wide, {format = "json", failed = 2})).failed, 2)
check.ok(cmd.render(wide, {failed = 2}):find("\n2 more could not be measured %(the errors above%)\n"),
  "the text says how many could not be measured")
local quoted = stats.new {by = "author"}
stats.add(quoted, {key = 'He said "hi", twice', chars = 3})
check.eq(cmd.render(quoted, {format = "csv"}),
  'author,posts,share,median_chars,p90_chars,cjk_ratio,errors\r\n"He said ""hi"", twice",1,1,3,3,,0\r\n')

-- ---- over an archive: one job or two, the same result --------------------------------------

local function run(jobs)
  local a = quire.map(archive, function(r) return stats.summarize(r, {by = "month", raw = true}) end,
    {jobs = jobs, reduce = stats.add, init = stats.new {by = "month"}})
  return cmd.render(a, {format = "json", raw = true})
end
local one = run(1)
check.eq(run(2), one, "-j 2 gives the same output as -j 1")
check.eq(cjson.decode(one).posts, 10)

check.done()
