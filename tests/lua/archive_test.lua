-- quire.open(paths, opts): walking, --where/since/until filters, tz and
-- source options, and error records, over a small archive made here.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local archive = require "quire.archive"

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p '" .. dir .. "/b/sub' '" .. dir .. "/.hidden'"))
local function write(name, text)
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  f:write(text)
  f:close()
end
local function post(title, date, cats, extra)
  return string.format("\n---\ntitle: %s\ndate: %s\ncategories: [%s]\n%s---\n<p>%s</p>\n",
    title, date, cats, extra or "", title)
end
write("a.md", post("一", "2021-04-11 00:30:33", "新闻, 新浪财经, 国内"))      -- 2021-04-10T16:30:33Z
write("b/c.md", post("二", "Mon, 09 Aug 2021 04:10:12 GMT", "科技, 36kr", "feed: 三六\n"))
write("b/sub/d.markdown", post("三", "2021-08-09", "科技, 知乎"))               -- 2021-08-08T16:00:00Z
write("b/e.html", "<p>no front matter</p>")
write("b/notes.txt", "not a post")
write(".hidden/x.md", post("hidden", "2021-01-01", "x"))
write("z.md", "no front matter here")
write("y.md", post("四", "2021-12-31 23:59:59", "生活, 豆瓣"))                 -- 2021-12-31T15:59:59Z

-- "title@date" of each record quire.open(PATHS, OPTS) yields, errors too.
local function titles(paths, opts)
  local out = {}
  for rec in quire.open(paths, opts) do
    out[#out + 1] = (rec.title or "-") .. (rec.error and "!" or "")
  end
  return table.concat(out, " ")
end

-- Walk order: sorted names, folders depth first, dot names and non-posts skipped.
check.eq(titles(dir), "一 二 - 三 四 -!")
check.eq(titles({dir .. "/y.md", dir .. "/a.md"}), "四 一")
check.eq(titles(dir .. "/b/c.md"), "二")
check.raises("bad argument #2 to 'open' (table of options expected, got string; give several paths as a list: quire.open{...})",
  quire.open, dir .. "/a.md", dir .. "/y.md")
check.eq(titles({dir .. "/b/notes.txt"}), "-!", "a file named explicitly is read whatever its name")
check.eq(titles({dir .. "/nope.md", dir .. "/a.md"}), "-! 一")
do
  local recs = {}
  for rec in quire.open(dir .. "/nope.md") do recs[#recs + 1] = rec end
  check.eq(#recs, 1)
  check.eq(recs[1].error, "cannot read: No such file or directory")
  check.eq(recs[1].path, dir .. "/nope.md")
end

-- where: an expression over the record's fields, or a function.
check.eq(titles(dir, {where = "source == '新浪财经'"}), "一")
check.eq(titles(dir, {where = "categories[1] == '科技'"}), "二 三")
check.eq(titles(dir, {where = "#body > 0 and title ~= '一'"}), "二 - 三 四 -!")
check.eq(titles(dir, {where = "string.find(title or '', '四')"}), "四", "globals are visible")
check.eq(titles(dir, {where = function(rec) return rec.time and rec.time > 1.6e9 end}), "一 二 三 四")
check.raises("--where: cannot compile \"title ==\": unexpected symbol near <eof>",
  quire.open, dir, {where = "title =="})
do
  -- a --where that raises makes that record an error, once
  local errs = {}
  archive.on_error = function(rec) errs[#errs + 1] = rec.error end
  check.eq(titles(dir, {where = "title:len() > 0"}), "一 二 三 四")
  check.eq(titles(dir .. "/a.md", {where = function(rec) error("no", 0) end}), "")
  archive.on_error = nil
  check.same(errs, {"--where:1: attempt to index a nil value (global 'title')",
                    "no front matter (the file does not start with a --- line)", "--where: no"})
end

-- since/until: inclusive; a date without a time in until means the whole day.
check.eq(titles(dir, {since = "2021-08-09"}), "二 三 四")   -- 三 is 2021-08-09 00:00 in Shanghai
check.eq(titles(dir, {since = "2021-08-09T04:10:12Z"}), "二 四")
check.eq(titles(dir, {since = "2021-08-09T04:10:13Z"}), "四")
check.eq(titles(dir, {["until"] = "2021-08-09"}), "一 二 三")
check.eq(titles(dir, {["until"] = "2021-08-09 12:10:11"}), "一 三")
check.eq(titles(dir, {["until"] = "2021-08-09T04:10:12Z"}), "一 二 三")
check.eq(titles(dir, {since = "2021-04-11", ["until"] = "2021-12-31"}), "一 二 三 四")
check.eq(titles(dir, {since = "2021-04-11 00:30:34", ["until"] = "2021-12-31 23:59:58"}), "二 三")
-- the bounds are read in tz too: 12:10:12 in Shanghai is when 二 was posted
check.eq(titles(dir, {since = "2021-08-09 12:10:12"}), "二 四")
check.eq(titles(dir, {since = "2021-08-09 12:10:12", tz = "UTC"}), "四")
check.eq(titles(dir, {since = 1628482212, ["until"] = 1628482212}), "二", "epoch seconds")
check.eq(titles(dir, {since = "2021-08-09", where = "source == '36kr'"}), "二")
check.raises("cannot read date \"yesterday\" (try 2021-08-09)", quire.open, dir, {since = "yesterday"})
check.raises("cannot read date \"2021-13-01\" (try 2021-08-09)", quire.open, dir, {["until"] = "2021-13-01"})
check.eq(archive.bound("2021-08-09", "UTC", true), 1628553599)
check.eq(archive.bound("2021-08-09", "UTC", false), 1628467200)
check.eq(archive.bound("2021-08-09 10:00", "UTC", true), 1628503200)

-- tz: dates without a zone are read in it; dates with one are not affected.
do
  local function dates(opts)
    local out = {}
    for rec in quire.open({dir .. "/a.md", dir .. "/b/c.md"}, opts) do out[#out + 1] = rec.date end
    return table.concat(out, " ")
  end
  check.eq(dates(), "2021-04-10T16:30:33Z 2021-08-09T04:10:12Z")
  check.eq(dates({tz = "UTC"}), "2021-04-11T00:30:33Z 2021-08-09T04:10:12Z")
  check.eq(dates({tz = "America/New_York"}), "2021-04-11T04:30:33Z 2021-08-09T04:10:12Z")
  check.eq(dates({tz = "+05:30"}), "2021-04-10T19:00:33Z 2021-08-09T04:10:12Z")
end

-- source: an integer picks a category, a string names a field, a function decides.
do
  local function sources(opts)
    local out = {}
    for rec in quire.open(dir, opts) do out[#out + 1] = rec.source or "-" end
    return table.concat(out, " ")
  end
  check.eq(sources(), "新浪财经 36kr - 知乎 豆瓣 -")
  check.eq(sources({source = 1}), "新闻 科技 - 科技 生活 -")
  check.eq(sources({source = 3}), "国内 科技 - 科技 生活 -", "missing index falls back to the first")
  check.eq(sources({source = "feed"}), "- 三六 - - - -")
  check.eq(sources({source = function(rec) return rec.title and #rec.categories end}), "3 2 - 2 2 -")
  check.eq(titles(dir, {source = "feed", where = "source == '三六'"}), "二")
end

-- Counts cover every record read, filtered or not.
do
  archive.counts.records, archive.counts.errors = 0, 0
  check.eq(titles(dir, {where = "false"}), "")
  check.eq(archive.counts.records, 6)
  check.eq(archive.counts.errors, 1)
end

-- Abandoning a loop early is fine, and a walk of a missing folder is an error record.
for rec in quire.open(dir) do break end
collectgarbage()
check.eq(titles(dir .. "/missing/"), "-!")

os.execute("rm -rf '" .. dir .. "'")
check.done()
