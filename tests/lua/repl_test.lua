-- quire.repl and quire.pretty without a terminal: the `local` rewrite,
-- compiling (expression first, then statement, incomplete chunks),
-- completion, help's doc index, the recs view and the printer's shapes.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local repl = require "quire.repl"
local pretty = require "quire.pretty"
local record = require "quire.record"
local root = os.getenv("QUIRE_ROOT")

-- rewrite_locals keeps lines and drops only top-level `local`s
local cases = {
  {"local x = 1", "      x = 1", {"x"}},
  {"local a, b", "      a, b = nil", {"a", "b"}},
  {"local c <const> = 3", "      c         = 3", {"c"}},
  {"local function f() local y = 2 return y end", "      function f() local y = 2 return y end", {"f"}},
  {"for i = 1, 2 do local z = i end", "for i = 1, 2 do local z = i end", {}},
  {"while x do local w = 1 end local v = 2", "while x do local w = 1 end       v = 2", {"v"}},
  {"s = 'local q = 1' -- local r\nlocal t = [[local u]]", "s = 'local q = 1' -- local r\n      t = [[local u]]", {"t"}},
  {"repeat local k = 1 until k\nlocal m", "repeat local k = 1 until k\n      m = nil", {"m"}},
}
for _, c in ipairs(cases) do
  local got, names = repl.rewrite_locals(c[1])
  check.eq(got, c[2], "rewrite of " .. c[1])
  check.same(names, c[3], "names declared by " .. c[1])
end

-- compile: expressions return their value, locals persist, incomplete waits
local function run(text)
  local fn, err, incomplete = repl.compile(text)
  if not fn then return nil, err, incomplete end
  return fn()
end
check.eq(run("1 + 2"), 3, "an expression returns its value")
run("local persisted = 41")
check.eq(run("persisted + 1"), 42, "a local stays for the next chunk")
check.eq(rawget(_G, "persisted"), nil, "and is no global")
run("local function twice(n) return 2 * n end")
check.eq(run("twice(persisted)"), 82, "a local function stays too")
run("local shadow = string")
check.eq(run("shadow.rep('a', 2)"), "aa", "a local may take a global's value")
local _, err, incomplete = run("function g()")
check.eq(incomplete, true, "an unfinished function is incomplete")
check.ok(err:find("<eof>", 1, true), "incomplete chunks end in <eof>")
_, err, incomplete = run("x = = 1")
check.eq(incomplete, false, "a syntax error is not incomplete")
check.eq(err, [[stdin:1: unexpected symbol near '=']], "syntax error message")
check.eq(run("function h(n)\n  return n + persisted\nend\nreturn h(1)"), 42, "a multi-line chunk")

-- completion: globals, fields, methods through metatables, paths in strings
local function complete(line)
  local items, start = repl.complete(line)
  return table.concat(items, " "), start
end
local items, start = complete("quire.op")
check.eq(items, "open( opts", "fields of quire")
check.eq(start, 7, "the word after the dot is replaced")
check.eq((complete("string.for")), "format(", "a function gets a parenthesis")
check.eq((complete("('x'):upp")), "", "no completion after a call")
check.eq((complete("s = 'x'; s:upp")), "", "unknown locals give nothing")
run("local str = 'abc'")
check.eq((complete("str:upp")), "upper(", "string methods through the string metatable")
run("local rec = quire.record.parse('---\\ntitle: T\\n---\\n<p>x</p>', 'a.md')")
check.eq((complete("rec.tit")), "title", "a record's fields")
run("local obj = setmetatable({}, {__index = setmetatable({hello = print}, {__index = {howdy = print}})})")
check.eq((complete("obj:h")), "hello( howdy(", "methods through a chain of metatables")
check.eq((complete("persi")), "persisted", "REPL locals")
check.eq((complete("whi")), "while", "keywords")
items, start = complete("x = io.open('" .. root .. "/examples/arc")
check.eq(items, root .. "/examples/archive/", "a folder inside a string")
check.eq(start, #("x = io.open('") + 1, "the path starts after the quote")
-- DOM documents and nodes are userdata whose methods sit behind a C
-- __index (its upvalues are the method tables)
run("local d = quire.record.parse('---\\ntitle: T\\n---\\n<div><p>one <b>two</b></p></div>', 'd.md'):dom()")
run("local n = d:select1('p')")
check.eq(type(run("d")), "userdata", "a parsed document is userdata")
items, start = complete("d:se")
local have = {}
for item in items:gmatch("%S+") do have[item] = true end
check.ok(have["select("] and have["select1("], "d:se offers select( and select1(: " .. items)
check.eq(start, 3, "the method name after the colon is replaced")
check.eq((complete("d:select1")), "select1(", "a unique DOM method completes")
check.eq((complete("n:te")), "text(", "a node's text(")
check.eq((complete("n:inner")), "inner_html(", "a node's inner_html(")
check.eq((complete("d:clo")), "close( closed(", "a document's own close( (its second method table)")
check.eq((complete("n:clo")), "closed(", "a node has closed( but no close(")

-- help reads the bundled doc comments
check.ok(rawget(_G, "help") == nil or true)
local out = {}
local real_stdout = io.stdout
local function capture(fn, ...)
  local buf = {}
  local fake = setmetatable({write = function(self, ...)
    for _, s in ipairs {...} do buf[#buf + 1] = tostring(s) end
    return self
  end}, {__index = real_stdout})
  io.stdout = fake
  local ok, e = pcall(fn, ...)
  io.stdout = real_stdout
  assert(ok, e)
  return table.concat(buf)
end
out = capture(repl.help, quire.open)
check.ok(out:find("^quire%.open%(paths, opts%)%s+Streams the records"), "help(quire.open): " .. out)
-- quire.ustr's C functions, named again in ustr.lua with their signatures
for name, fn in pairs(quire.ustr) do
  if type(fn) == "function" then
    out = capture(repl.help, fn)
    check.ok(out:find("^quire%.ustr%." .. name .. "%([%w, %[%]]*%)%s+[%u\"]"), "help(quire.ustr." .. name .. "): " .. out)
  end
end
out = capture(repl.help, "quire.record")
check.ok(out:find("quire.record.parse(bytes, path, opts)", 1, true), "help of a module lists its functions")
-- a module that returns setmetatable(tbl, ...) (quire.clean), and record
-- methods another module adds
out = capture(repl.help, quire.clean.text)
check.ok(out:find("^quire%.clean%.text%(blocks%)%s+The text of BLOCKS"), "help(quire.clean.text): " .. out)
out = capture(repl.help, "quire.record.Record:text")
check.ok(out:find("^quire%.record%.Record:text%(%)%s+The cleaned text"), "help of a method quire.clean adds: " .. out)
out = capture(repl.help, "no-such-thing")
check.eq(out, "no documentation for no-such-thing\n", "help of an unknown name")

-- the recs view reads on demand
local view = repl.archive_view({root .. "/examples/archive"}, {})
local recs = repl.record_list(view)
check.ok(tostring(recs):find("0 read so far", 1, true), "nothing read before use")
check.eq(recs[2].source, "IT 之家", "recs[2]")
check.ok(tostring(recs):find("2 read so far", 1, true), "recs[2] read two")
check.eq(#recs, 10, "#recs reads to the end")
local n = 0
for i, r in ipairs(recs) do n = n + 1; assert(r.path) end
check.eq(n, 10, "ipairs over recs")
check.eq(#recs:head(3), 3, "recs:head(3)")
check.eq(#recs:where("source == '36kr'"), 1, "recs:where")
check.eq(recs[11], nil, "past the end")
check.eq(#view:files(), 10, "archive:files()")

-- pretty: shapes
check.eq(pretty.format({1, 2, {3}}), "{1, 2, {3}}", "a small table on one line")
check.eq(pretty.format({a = {b = {c = {d = 1}}}}), "{a = {b = {c = {…}}}}", "depth cap")
check.eq(pretty.format({1, 2, 3}, {items = 2}), "{1, 2, … (1 more)}", "item cap")
local cyc = {}; cyc.self = cyc
check.eq(pretty.format(cyc), "{self = <cycle>}", "cycles")
check.eq(pretty.format("a\nb"), [["a\nb"]], "strings are quoted with escapes")
check.eq(pretty.width("中文ab"), 6, "CJK is two columns")
check.eq(pretty.format(string.rep("中", 20), {string_width = 12}), '"中中中中…"', "cut by display width")
check.eq(pretty.format(2.0), "2.0", "floats stay floats")
local r = record.parse("---\ntitle: 标题\ndate: 2021-08-09 12:00:00\ncategories: [a, 新浪财经]\n---\n<p>一</p><p>二</p>", "x.md")
local card = pretty.format(r)
check.ok(card:find("^» 标题\n"), "a record prints as a card: " .. card)
check.ok(card:find("date     2021-08-09T04:00:00Z", 1, true), "the card has the date")
check.ok(card:find("source   新浪财经", 1, true), "the card has the source")
check.ok(card:find("2 paragraphs of body", 1, true), "the card counts paragraphs")
local tbl = pretty.format({r, r})
check.eq(select(2, tbl:gsub("\n", "")), 2, "a list of records is a header and a row each")
check.ok(tbl:find("2  2021-08-09 04:00  新浪财经  标题", 1, true), "rows are aligned: " .. tbl)

-- DOM nodes print as an outline, when quire.dom is there
if pcall(require, "quire.dom") then
  local doc = record.parse("---\ntitle: x\n---\n<div><p>one</p><p>two <b>2</b></p></div>", "d.md"):dom()
  local outline = pretty.format(doc, {depth = 6})
  local lines = {}
  for line in outline:gmatch("[^\n]+") do lines[#lines + 1] = line end
  check.ok(#lines >= 5, "an outline of several lines: " .. outline)
  check.ok(outline:find("\n%s+<div>"), "the div is indented under its parents: " .. outline)
  check.ok(outline:find("\n(%s+)<p>.-\n%1<p>"), "sibling paragraphs share an indent: " .. outline)
  check.eq(pretty.format(doc, {depth = 0}):find("<p>", 1, true), nil, "depth caps the outline")
end

check.done()
