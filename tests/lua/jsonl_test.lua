-- quire.open over JSON Lines: a .jsonl file, or lines starting with "{"
-- on stdin, give records rebuilt with quire.record's metatable, so one
-- run's `export --to jsonl` feeds the next.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local archive = require "quire.archive"
local record = require "quire.record"
local cjson = require "cjson"
local root = os.getenv("QUIRE_ROOT")
local tmp = os.tmpname()
os.remove(tmp)
local file = tmp .. ".jsonl"

-- records from the sample archive, written as JSON Lines
local originals = {}
local f = assert(io.open(file, "w"))
for rec in quire.open(root .. "/examples/archive") do
  originals[#originals + 1] = rec
  f:write(cjson.encode {path = rec.path, title = rec.title, date = rec.date, time = rec.time,
    source = rec.source, categories = rec.categories, author = rec.author,
    tags = #rec.tags > 0 and rec.tags or nil, body = rec.body}, "\n")
end
f:write("\n")  -- blank lines are skipped
f:close()

local back = {}
for rec in quire.open(file) do back[#back + 1] = rec end
check.eq(#back, #originals, "one record per line")
for i, rec in ipairs(back) do
  local o = originals[i]
  check.eq(getmetatable(rec), record.Record, "quire.record's metatable")
  for _, k in ipairs {"path", "title", "date", "source", "author", "body"} do
    check.eq(rec[k], o[k], k .. " of record " .. i)
  end
  check.eq(math.type(rec.time), "integer", "time is an integer")
  check.eq(rec.time, o.time, "time of record " .. i)
  check.same(rec.categories, o.categories, "categories of record " .. i)
  check.same(rec.tags, {}, "absent tags are an empty list")
  check.same(rec.meta, {}, "meta defaults to empty")
end

-- filters work on JSONL records as on files
local n = 0
for _ in quire.open(file, {where = "source == 'IT 之家'"}) do n = n + 1 end
check.eq(n, 2, "--where over JSONL")

-- a line that is not an object is an error record naming file and line
local bad = tmp .. "-bad.jsonl"
f = assert(io.open(bad, "w"))
f:write('{"path": "a.md", "title": "ok", "date": "2021-08-09 12:00:00", "text": "plain", "tags": null}\n')
f:write('[1, 2]\n{"path": \n')
f:close()
local recs, errors0 = {}, archive.counts.errors
for rec in quire.open(bad) do recs[#recs + 1] = rec end
check.eq(#recs, 3, "every line comes out")
check.eq(recs[1]:text(), "plain", "the text given is the record's article")
check.eq(recs[1].cleaned, true, "a record without a body but with text is marked cleaned")
check.eq(recs[1].body, nil, "no body when none was given")
check.same(recs[1].tags, {}, "null is absent")
check.eq(recs[1].time, 1628481600, "time from a date without a zone (Asia/Shanghai)")
check.eq(recs[2].path, bad .. ":2", "an error record names file and line")
check.eq(recs[2].error, "invalid JSON Lines record: not a JSON object", "not an object")
check.ok(recs[3].error:find("^invalid JSON Lines record: "), "broken JSON")
check.eq(archive.counts.errors - errors0, 2, "both are counted as errors")

-- stdin: lines starting with "{" are records, others paths
local bin = os.getenv("QUIRE_BIN")
local p = io.popen(string.format("(head -n 2 %q; echo %q) | %q -E -e 'for r in quire.open() do print(r.source, r.title) end' -",
  file, originals[3].path, bin))
local out = p:read("a")
p:close()
check.eq(out, string.format("%s\t%s\n%s\t%s\n%s\t%s\n", originals[1].source, originals[1].title,
  originals[2].source, originals[2].title, originals[3].source, originals[3].title), "records and paths on stdin")

-- fields named like record methods do not hide them: text and blocks
-- are the article, others go to meta
local odd = tmp .. "-odd.jsonl"
f = assert(io.open(odd, "w"))
f:write(cjson.encode {path = "b.md", text = "one\n\n\ntwo", clean = "yes", markdown = 3,
  dom = {1}}, "\n")
f:write(cjson.encode {path = "c.md", text = "first\n\nsecond",
  blocks = {{kind = "heading", text = "first", level = 2}, {kind = "para", text = "second", html = "<p>second</p>"},
            "not a block"}}, "\n")
f:write(cjson.encode {path = "d.md", text = "ignored", body = "<p>from the <b>body</b></p>"}, "\n")
f:close()
recs = {}
for rec in quire.open(odd) do recs[#recs + 1] = rec end
check.eq(recs[1]:text(), "one\n\n\ntwo", "rec:text() is the text as written")
check.same({recs[1]:blocks()[1].text, recs[1]:blocks()[2].text, #recs[1]:blocks()}, {"one", "two", 2},
  "without blocks, the text's paragraphs are the blocks")
check.eq(recs[1]:blocks()[1].html, "<p>one</p>", "a paragraph's html")
check.same({recs[1].meta.clean, recs[1].meta.markdown, recs[1].meta.dom}, {"yes", 3, {1}},
  "fields named like methods move to meta")
check.eq(type(recs[1].clean), "function", "rec:clean is still the method")
check.eq(recs[1]:markdown(), "one\n\ntwo", "rec:markdown() of the paragraphs")
local blocks, report = recs[1]:clean({profile = "none", explain = true})
check.eq(#blocks, 2, "rec:clean() returns the article whatever the options")
check.same(report.removed, {}, "nothing removed")
check.same({recs[2]:blocks()[1].kind, recs[2]:blocks()[1].level, recs[2]:blocks()[1].html, #recs[2]:blocks()},
  {"heading", 2, "<p>first</p>", 2}, "blocks as written; a block without html gets a paragraph's")
check.eq(recs[3]:text(), "from the body", "a body is cleaned, whatever text the line carries")
check.eq(recs[3].cleaned, nil, "a record with a body is not marked cleaned")

-- what the commands make of exported JSON Lines equals what they make of
-- the archive itself: the cleaned article goes out and comes back in
local function run(args)
  local pipe = io.popen(string.format("%q -E -q %s 2>/dev/null", bin, args))
  local text = pipe:read("a")
  pipe:close()
  return text
end
local corpus = os.getenv("QUIRE_CORPUS")
local exported = tmp .. "-corpus.jsonl"
run(string.format("export %q --to jsonl -o %q", corpus, exported))
local direct = run(string.format("stats %q --by editor", corpus))
check.ok(direct:find("%d%d%d") ~= nil, "stats measured the corpus")
check.eq(run(string.format("stats %q --by editor", exported)), direct,
  "stats over exported JSON Lines: same lengths, editors and origins")
check.eq(run(string.format("summarize %q --format jsonl", exported)),
  run(string.format("summarize %q --format jsonl", corpus)), "summarize over exported JSON Lines")
local again = run(string.format("export %q --to jsonl", exported))
check.eq(again, assert(io.open(exported)):read("a"), "exporting exported JSON Lines gives the same bytes")
local cleaned = tmp .. "-clean.jsonl"
run(string.format("clean %q --format jsonl -o %q", corpus, cleaned))
check.eq(run(string.format("clean %q --format jsonl", cleaned)), assert(io.open(cleaned)):read("a"),
  "clean over its own JSON Lines gives the same lines back")

os.remove(file)
os.remove(bad)
os.remove(odd)
os.remove(exported)
os.remove(cleaned)
check.done()
