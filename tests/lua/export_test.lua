-- quire export: every format round-trips, nothing is lost, SQLite updates
-- changed posts only and its full-text index finds Chinese words, and a
-- killed export leaves the previous output intact.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local cjson = require "cjson"
local sqlite = require "quire.c.sqlite"
local corpus = check.corpus()
local bin = os.getenv("QUIRE_BIN")

local work = os.tmpname()
os.remove(work)
assert(os.execute("mkdir -p " .. work))

local sh, q = check.sh, check.q

-- the records themselves, to compare against
local records, by_path = {}, {}
for rec in quire.open(corpus) do
  records[#records + 1] = rec
  by_path[rec.path] = rec
end
check.eq(#records, 168)

-- jsonl: one line per record, fields as read, errors kept
local out, code = sh(string.format("%s -E export %s --to jsonl --raw -o %s/p.jsonl -j 2", bin, q(corpus), work))
check.eq(code, 1, "exit status 1: the corpus has records with errors")
check.ok(out:find("exported 168 records, 4 errors", 1, true), out)
local n, with_error = 0, 0
for line in io.lines(work .. "/p.jsonl") do
  local obj = cjson.decode(line)
  local rec = by_path[obj.path]
  n = n + 1
  if check.ok(rec, "a path that was read: " .. tostring(obj.path)) then
    check.eq(obj.title, rec.title ~= nil and rec.title or nil)
    check.eq(obj.date, rec.date)
    check.eq(obj.source, rec.source)
    check.eq(#obj.categories, #rec.categories)
    if rec.error then
      with_error = with_error + 1
      check.eq(obj.error, rec.error)
    end
  end
end
check.eq(n, 168, "jsonl lines")
check.eq(with_error, 4, "error records are exported with their error")
local first = io.open(work .. "/p.jsonl"):read("l")
check.ok(first:find('^{"path":"'), "fields in a fixed order: " .. first:sub(1, 40))
check.ok(not first:find("\\/", 1, true), "slashes are not escaped")

-- without --raw the text is the cleaned article, with origin and editor lifted out
local pipe0 = io.popen(string.format("%s -E -q export %s --to jsonl 2>/dev/null", bin, q(corpus)))
local cleaned = {}
for line in pipe0:lines() do
  local obj = cjson.decode(line)
  cleaned[obj.path] = obj
end
pipe0:close()
local yangzhou
for path, obj in pairs(cleaned) do
  if obj.title == "江苏省长，凌晨开会" then yangzhou = obj end
end
if check.ok(yangzhou, "the cleaned export has the Sina post") then
  check.ok(not yangzhou.text:find("海量资讯、精准解读", 1, true), "the Sina QR footer is gone")
  check.ok(not yangzhou.text:find("责任编辑", 1, true), "the editor line is not in the text")
  check.eq(yangzhou.editor, "李思阳")
  check.eq(yangzhou.origin, "政事儿")
  check.ok(yangzhou.text:find("扬州近日疫情防控形势严峻", 1, true), "the article's first paragraph is kept")
end

-- stdout is the default for streams, and the output is the same for -j 1
local pipe = io.popen(string.format("%s -E export %s --to jsonl --raw -j 1 2>/dev/null", bin, q(corpus)))
local a = pipe:read("a")
pipe:close()
local b = io.open(work .. "/p.jsonl"):read("a")
check.ok(a == b, "-j 1 and -j 2 write the same bytes")

-- csv: read back by SQLite's own CSV importer
sh(string.format("%s -E export %s --to csv --raw --bom -o %s/p.csv", bin, q(corpus), work))
local raw = io.open(work .. "/p.csv"):read("a")
check.eq(raw:sub(1, 3), "\239\187\191", "--bom")
io.open(work .. "/nobom.csv", "w"):write(raw:sub(4)):close()
local count = sh(string.format("sqlite3 :memory: '.import --csv %s/nobom.csv t' 'SELECT count(*) FROM t'", work))
check.eq(count, "168\n", "csv rows read back")
local titles = sh(string.format(
  "sqlite3 :memory: '.import --csv %s/nobom.csv t' \"SELECT title FROM t WHERE source = '新浪财经' ORDER BY path LIMIT 1\"", work))
local sina
for _, r in ipairs(records) do if r.source == "新浪财经" then sina = sina or r end end
check.eq(titles, sina.title .. "\n", "a title survives the CSV round trip")
local multiline = sh(string.format(
  "sqlite3 :memory: '.import --csv %s/nobom.csv t' \"SELECT count(*) FROM t WHERE instr(text, char(10)) > 0\"", work))
check.ok(tonumber(multiline) > 100, "texts with line breaks stay in one field")

-- markdown: a folder that quire reads back with the same fields
sh(string.format("%s -E export %s --to markdown --raw -o %s/site", bin, q(corpus), work))
local back = {}
for rec in quire.open(work .. "/site") do
  if not rec.meta.quire_index then back[#back + 1] = rec end
end
check.eq(#back, 168, "one file per record")
local matched = 0
for _, rec in ipairs(back) do
  for _, orig in ipairs(records) do
    if orig.title == rec.title and orig.date == rec.date and not orig.error then
      matched = matched + 1
      check.same(rec.categories, orig.categories, "categories of " .. tostring(rec.title))
      check.eq(rec.error, nil, "re-read without error: " .. rec.path)
      break
    end
  end
end
check.eq(matched, 164, "every record without an error reads back with its title, date and categories")
check.ok(io.open(work .. "/site/index.md"), "index.md")

-- text: one stream with every title
pipe = io.popen(string.format("%s -E -q export %s --to text --raw 2>/dev/null", bin, q(corpus)))
local text = pipe:read("a")
pipe:close()
check.ok(text:find(sina.title, 1, true), "text stream has the titles")

-- sqlite: counts, full text in Chinese, updates of changed posts only
local db_path = work .. "/p.db"
out = sh(string.format("%s -E export %s --to sqlite --raw -o %s", bin, q(corpus), db_path))
check.ok(out:find("168 added, 0 updated, 0 unchanged", 1, true), out)
check.ok(out:find("quire sql", 1, true), "example queries are printed")
check.ok(out:find("\nexported 168 records, 4 errors %([^\n]*%)\n$"), "the count is the last line: " .. out:sub(-200))
local db = assert(sqlite.open(db_path))
local function one(sql, ...) return db:prepare(sql):first(...) end
check.eq(one("SELECT count(*) AS n FROM posts").n, 168)
check.eq(one("SELECT count(*) AS n FROM errors").n, 4)
check.eq(one("SELECT count(*) AS n FROM categories").n > 168, true)
local function search(term)
  local found = {}
  for row in db:prepare("SELECT p.title FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid WHERE posts_fts MATCH ? ORDER BY p.path"):rows(term) do
    found[#found + 1] = row.title
  end
  return found
end
local hits = search("疫情防控")
check.ok(#hits >= 2, "疫情防控 finds posts")
local has = {}
for _, t in ipairs(hits) do has[t] = true end
check.ok(has["江苏省长，凌晨开会"], "the Sina post on the Yangzhou outbreak")
check.ok(#search("吴政隆") >= 1, "吴政隆 finds posts")
check.ok(#search("疫情") >= #hits, "a two-character query")
db:close()

out = sh(string.format("%s -E export %s --to sqlite --raw -o %s", bin, q(corpus), db_path))
check.ok(out:find("0 added, 0 updated, 168 unchanged", 1, true), "a second export changes nothing: " .. out)
-- change one post: only it is updated
local copy = work .. "/copy"
sh(string.format("cp -r %s %s", q(corpus), copy))
local victim
for _, r in ipairs(records) do if r.source == "新浪财经" then victim = r break end end
local rel = victim.path:sub(#corpus + 2)
local f = io.open(copy .. "/" .. rel, "ab")
f:write("<p>更新：新增一段。</p>")
f:close()
out = sh(string.format("%s -E export %s --to sqlite --raw -o %s/copy.db", bin, q(copy), work))
out = sh(string.format("%s -E export %s --to sqlite --raw -o %s/copy.db", bin, q(copy), work))
check.ok(out:find("0 added, 0 updated, 168 unchanged", 1, true), out)
f = io.open(copy .. "/" .. rel, "ab")
f:write("<p>再次更新。</p>")
f:close()
out = sh(string.format("%s -E export %s --to sqlite --raw -o %s/copy.db", bin, q(copy), work))
check.ok(out:find("0 added, 1 updated, 167 unchanged", 1, true), out)
db = assert(sqlite.open(work .. "/copy.db"))
check.eq(#search("再次更新"), 1, "the full-text index follows the update")
check.eq(one("SELECT count(*) AS n FROM posts").n, 168, "no duplicates")
db:close()

-- a device is written to, never renamed over (-o /dev/null must stay a device)
out, code = sh(string.format("%s -E -q export %s --to jsonl --raw -o /dev/null", bin, q(corpus)))
check.eq(code, 1, "records with errors still make the status 1")
check.eq(sh("stat -c %F /dev/null"), "character special file\n", "/dev/null is still a device")
out, code = sh(string.format("%s -E -q export %s --to jsonl --raw -o %s", bin, q(corpus), work))
check.eq(code, 1)
check.ok(out:find("it is a folder", 1, true), out)

-- usage errors
out, code = sh(string.format("%s -E export %s", bin, q(corpus)))
check.eq(code, 2)
check.ok(out:find("export needs --to FORMAT", 1, true), out)
out, code = sh(string.format("%s -E export %s --to nope", bin, q(corpus)))
check.eq(code, 2)
check.ok(out:find("no export format 'nope' (formats: csv, jsonl, markdown, sqlite, text)", 1, true), out)
out, code = sh(string.format("%s -E export %s --to sqlite", bin, q(corpus)))
check.eq(code, 2)
check.ok(out:find("give -o OUT", 1, true), out)

-- a user's own format: a Lua file in the look-up folder
local fmt_dir = work .. "/lua/quire/export"
sh("mkdir -p " .. q(fmt_dir))
io.open(fmt_dir .. "/titles.lua", "w"):write([[
return {
  summary = "titles only", target = "file",
  open = function(target, opts) return {file = target.file or assert(io.open(target.path, "w")), n = 0} end,
  write = function(state, row) state.file:write(row.title or "", "\n"); state.n = state.n + 1 end,
  close = function(state) state.file:flush() return state.n .. " titles" end,
}]]):close()
out = sh(string.format("%s -E --lua-dir %s/lua export %s --to titles --raw -o %s/titles.txt", bin, work, q(corpus), work))
check.ok(out:find("exported 168 records, 4 errors (168 titles)", 1, true), out)

-- the common filters choose what is exported, and the rest is counted
local want_since, want_where = {}, {}
for _, rec in ipairs(records) do
  if rec.time and rec.time >= os.time {year = 2021, month = 6, day = 1, hour = 0} - 8 * 3600 then
    want_since[rec.path] = true
  end
  if rec.source == "新浪财经" then want_where[rec.path] = true end
end
for _, case in ipairs {
  {args = "--since 2021-06-01 --tz Asia/Shanghai", want = want_since},
  {args = "--where 'source == \"新浪财经\"'", want = want_where},
  {args = "--where 'rec.source == \"新浪财经\"'", want = want_where},
} do
  local target = work .. "/filtered.jsonl"
  out = sh(string.format("%s -E -q export %s --to jsonl --raw -j 2 %s -o %s", bin, q(corpus), case.args, target))
  local got, wanted = 0, 0
  for _ in pairs(case.want) do wanted = wanted + 1 end
  for line in io.lines(target) do
    local obj = cjson.decode(line)
    got = got + 1
    check.ok(case.want[obj.path], case.args .. " exported " .. obj.path)
  end
  check.ok(wanted > 0 and wanted < 168, case.args .. " picks some posts: " .. wanted)
  check.eq(got, wanted, case.args .. ": exported records")
  check.ok(out:find(string.format("exported %d records", wanted), 1, true), out)
  check.ok(out:find(string.format("%d records left out by", 168 - wanted), 1, true), out)
end

-- killed midway, by SIGKILL or SIGINT at a random moment: the previous
-- export is still there, whole, and a re-run completes it and removes the
-- temporary file the killed run left
local big = work .. "/big"
sh(string.format("%s -E run %s/bench/make_archive.lua %s %s 6000", bin, os.getenv("QUIRE_TESTS"), q(corpus), big))
math.randomseed(os.time())
local function leftovers()
  return (sh(string.format("ls -a %s | grep -c 'quire-.*tmp$' || true", q(work))):gsub("%s+", ""))
end
for _, to in ipairs {"jsonl", "sqlite"} do
  for _, signal in ipairs {"KILL", "INT"} do
    local target = work .. "/kill." .. to
    sh(string.format("%s -E -q export %s --to %s --raw -o %s", bin, q(corpus), to, target))
    local before = to == "jsonl" and io.open(target):read("a") or nil
    -- kill a large export into the same target at a random moment while it
    -- runs (again sooner if it finished first); wait until it is gone (kill
    -- returns before the kernel drops its file locks)
    local delay, how = 0.1 + math.random() * 0.9, nil
    for _ = 1, 4 do
      -- (a shell starts background jobs with SIGINT ignored: perl restores it)
      how = sh(string.format("perl -e '$SIG{INT} = \"DEFAULT\"; exec @ARGV' %s -E -q export %s --to %s --raw -o %s 2>/dev/null & pid=$!; sleep %.2f; "
        .. "if kill -%s $pid 2>/dev/null; then echo killed; else echo finished; fi; wait $pid 2>/dev/null; true",
        bin, q(big), to, target, delay, signal))
      if how == "killed\n" then break end
      delay = delay / 2
      sh(string.format("%s -E -q export %s --to %s --raw -o %s", bin, q(corpus), to, target))
    end
    local what = string.format("%s: SIG%s after %.2f s", to, signal, delay)
    check.eq(how, "killed\n", what .. ": the export was still running")
    if to == "jsonl" then
      check.ok(io.open(target):read("a") == before, what .. ": the old file is untouched")
    else
      local integrity = sh(string.format("sqlite3 %s 'PRAGMA integrity_check'", target))
      check.eq(integrity, "ok\n", what .. ": the database is intact")
      local n1 = sh(string.format("sqlite3 %s 'SELECT count(*) FROM posts'", target))
      check.ok(tonumber(n1) >= 168, what .. ": the earlier posts are still there")
    end
    sh(string.format("%s -E -q export %s --to %s --raw -o %s", bin, q(big), to, target))
    if to == "jsonl" then
      local lines = sh(string.format("wc -l < %s", target))
      check.eq(lines:gsub("%s", ""), "6000", what .. ": a re-run writes the whole export")
    else
      local n2 = sh(string.format("sqlite3 %s 'SELECT count(*) FROM posts'", target))
      check.eq(n2, tostring(6000 + 168) .. "\n", what .. ": a re-run completes the export")
    end
    check.eq(leftovers(), "0", what .. ": the re-run removed the killed run's temporary file")
  end
end

sh("rm -rf " .. q(work))
check.done()
