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
check.eq(recs[1].text, "plain", "text as given")
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

os.remove(file)
os.remove(bad)
check.done()
