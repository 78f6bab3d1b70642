-- quire report: one self-contained page (no scripts, fonts, images or links
-- to fetch), every chart an <svg> with its size, all text escaped, errors
-- listed, the file written atomically; quire.svg's pieces.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local svg = require "quire.svg"
local report = require "quire.report"
local stats = require "quire.stats"
local bin = os.getenv("QUIRE_BIN")
local root = os.getenv("QUIRE_ROOT")

local work = os.tmpname()
os.remove(work)
assert(os.execute("mkdir -p " .. work))
local q, sh, slurp = check.q, check.sh, check.slurp

-- ---- quire.svg ---------------------------------------------------------------

check.eq(svg.escape([[<a href="x">&'</a>]]), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
check.eq(svg.thousands(1234567), "1,234,567")
check.eq(svg.thousands(999), "999")
check.eq(svg.thousands(-1234), "-1,234")
check.same({svg.ticks(23)}, {5, 25})
check.same({svg.ticks(7)}, {2, 8})
check.same({svg.ticks(0)}, {1, 1})
check.same({svg.ticks(1800)}, {500, 2000})

-- stacked columns: each month's parts add up to its total height
local chart = svg.stacked {width = 600, height = 300, labels = {"2021-01", "2021-02"},
  series = {{name = "a<b", color = "#111111", values = {2, 0}}, {name = "c", color = "#222222", values = {2, 4}}}}
check.ok(chart:find('^<svg width="600" height="300" viewBox="0 0 600 300"'), chart:sub(1, 80))
local heights = {}
for h in chart:gmatch('<rect x="[%d.]+" y="[%d.]+" width="[%d.]+" height="([%d.]+)" fill="#') do
  heights[#heights + 1] = tonumber(h)
end
check.eq(#heights, 3, "no rectangle for a zero")
check.ok(math.abs(heights[1] + heights[2] - heights[3]) < 0.2, "2 + 2 is as tall as 4")
check.ok(chart:find("a&lt;b", 1, true) and not chart:find("a<b", 1, true), "series names escaped")

local hb = svg.hbars {width = 300, items = {{name = "新浪财经", value = 10}, {name = "知乎", value = 5}}}
check.ok(hb:find('<svg width="300" height="56"', 1, true), "two rows of bars: 2 * 24 + 8 high")
local w1, w2 = hb:match('width="([%d.]+)" height="16" rx="2".-width="([%d.]+)" height="16" rx="2"')
check.ok(w1 and math.abs(tonumber(w1) - 2 * tonumber(w2)) < 0.2, "bars proportional to values")

-- ---- the model -------------------------------------------------------------------

local m = report.new()
local function add(source, month, chars, err, facts)
  report.add(m, {key = {source = source, month = month}, chars = chars, error = err, path = "p/" .. source,
    title = "t", facts = facts, has_facts = facts ~= nil, time = 1600000000})
end
add("a", "2021-01", 0) add("a", "2021-03", 75, nil, {{subject = "确诊病例", measure = "新增", value = 3, unit = "例"}})
add("b", "2021-03", 15000, "bad yaml", {{subject = "确诊病例", measure = "新增", value = 5, unit = "例", when = "2021-03-02"}})
check.same({m.lengths[1], m.lengths[3], m.lengths[10]}, {1, 1, 1}, "0, 50–99 and 10k–20k bins")
check.same(m.months["2021-03"], {a = 1, b = 1})
check.eq(m.nerrors, 1)
check.same(m.errors[1], {path = "p/b", reason = "bad yaml"})
local top = stats.top(m.facts, 5)
check.eq(#top, 1, "one fact key")
check.eq(top[1].count, 2)
check.eq(m.fact_rows[top[1].name].value, 5, "the latest example is kept")
local html = report.html(m, {title = "t"})
check.ok(html:find("2021-02", 1, true), "months without posts are on the axis")
-- the errors table is capped, every error counted
local many = report.new()
for i = 1, report.MAX_ERRORS + 7 do report.add(many, {key = {source = "s", month = "2021-01"}, error = "e" .. i, path = "x"}) end
check.eq(#many.errors, report.MAX_ERRORS)
check.eq(many.nerrors, report.MAX_ERRORS + 7)
check.ok(report.html(many):find("and 7 more", 1, true), "the rest are counted on the page")

-- ---- the page over a real archive, with hostile names -----------------------------

local a = work .. "/archive"
assert(os.execute(string.format("mkdir -p %s && cp -r %s/examples/archive/. %s", q(a), q(root), q(a))))
local f = assert(io.open(a .. "/<b>&bad.md", "wb"))
f:write("---\ntitle: [unclosed\n---\n<p>x</p>\n")
f:close()
f = assert(io.open(a .. "/hostile.md", "wb"))
f:write("---\ntitle: '<script>alert(1)</script>'\ncategories: [x, '<img src=http://e.example/a.png>']\n",
  "date: 2022-08-01 10:00:00\n---\n<p>来源：<a href='http://e.example'>新华社</a></p><p>正文 http://e.example/x 正文。</p>",
  "<script src='http://e.example/s.js'></script><img src='http://e.example/i.png'>\n")
f:close()
local out_path = work .. "/report.html"
local msg, code = sh(string.format("%s -E report %s -o %s -j 2", bin, q(a), q(out_path)))
check.eq(code, 1, "exit status 1: a record had an error")
check.ok(msg:find("wrote " .. out_path .. ": 12 posts, 1 errors", 1, true), msg)
local page = slurp(out_path)
local listing = sh("ls -a " .. q(work))
check.ok(not listing:find("tmp", 1, true), "no temporary file left: " .. listing)

check.ok(page:find("^<!DOCTYPE html>\n<html lang=\"zh\">"), "doctype and lang")
check.ok(page:find('<meta charset="utf-8">', 1, true), "charset")
check.ok(page:find("Noto Sans CJK SC", 1, true) and page:find("Microsoft YaHei", 1, true), "CJK font stack")
-- nothing to fetch: no scripts at all, no @import or url(), no src/href attributes
check.ok(not page:lower():find("<script", 1, true), "no script element")
check.ok(not page:find("@import", 1, true), "no @import")
check.ok(not page:find("url%s*%("), "no url(...)")
check.ok(not page:find("<link", 1, true) and not page:find("<img", 1, true) and not page:find("<iframe", 1, true))
-- (text may mention URLs, escaped: only real tags are looked at)
local tags, bad_tags = 0, 0
for tag in page:gmatch("<[^>]*>") do
  tags = tags + 1
  local t = tag:lower()
  if t:find("http", 1, true) or t:find("%ssrc%s*=") or t:find("%shref%s*=") or t:find("xlink") then
    bad_tags = bad_tags + 1
    io.stderr:write("a tag that may refer to the network: ", tag, "\n")
  end
end
check.ok(tags > 500, "tags looked at: " .. tags)
check.eq(bad_tags, 0, "no src/href/http in any tag")
check.ok(page:find("http://e.example", 1, true), "URLs in the data stay as escaped text")
-- hostile text escaped wherever it appears
check.ok(page:find("&lt;img src=http://e.example/a.png&gt;", 1, true), "a source name with markup, escaped")
check.ok(page:find("&lt;b&gt;&amp;bad.md", 1, true), "the bad file's name, escaped, in the errors table")

-- charts: the three kinds, each with a width, height and viewBox
local svgs = 0
for w, h, vw, vh in page:gmatch('<svg width="(%d+)" height="(%d+)" viewBox="0 0 (%d+) (%d+)"') do
  svgs = svgs + 1
  check.ok(tonumber(w) >= 200 and tonumber(h) >= 40 and w == vw and h == vh, "chart size " .. w .. "x" .. h)
end
check.eq(svgs, 5, "months, lengths, sources, origins, editors")
local opened = select(2, page:gsub("<svg ", ""))
check.eq(opened, select(2, page:gsub("</svg>", "")), "every svg closed")
for _, id in ipairs {"monthly", "lengths", "top", "sources", "facts", "errors"} do
  check.ok(page:find('<section id="' .. id .. '">', 1, true), "section " .. id)
end
check.ok(page:find("Errors (1)", 1, true), "errors heading counts them")
local grammar_ok, grammar = pcall(require, "quire.grammar")
if grammar_ok and type(grammar.extract) == "function" then
  check.ok(page:find("<th>subject</th>", 1, true) or page:find("No facts found", 1, true), "facts table")
else
  check.ok(page:find("no facts extracted", 1, true), "a note instead of facts")
end
-- balanced table markup
check.eq(select(2, page:gsub("<table>", "")), select(2, page:gsub("</table>", "")))
check.eq(select(2, page:gsub("<tr>", "")), select(2, page:gsub("</tr>", "")))

-- one job or two: the same page
local one = work .. "/one.html"
sh(string.format("%s -E report %s -o %s -j 1 -q", bin, q(a), q(one)))
check.eq(slurp(one), page, "-j 1 and -j 2 write the same page")

-- usage
msg, code = sh(string.format("%s -E report %s", bin, q(a)))
check.eq(code, 2)
check.ok(msg:find("give -o report.html", 1, true), msg)
msg, code = sh(string.format("%s -E report -o %s", bin, q(out_path)))
check.eq(code, 2)

os.execute("rm -rf " .. q(work))
check.done()
