-- quire export, what export_test does not cover: --fields in jsonl and csv
-- (extra keys after the standard ones, in order, values from the front
-- matter or the record, absent ones absent or empty); --to text as a folder
-- of one file per record and as one stream; the SQLite images table; and
-- a full CSV round trip (every field of every row, read back by SQLite's
-- CSV importer, equal to the JSON Lines export, with and without --bom).
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local cjson = require "cjson"
local sqlite = require "quire.c.sqlite"
local chash = require("quire.c.record").hash
local corpus = check.corpus()
local bin = os.getenv("QUIRE_BIN")

local work = os.tmpname()
os.remove(work)
assert(os.execute("mkdir -p " .. work))

local sh, stdout, q, slurp = check.sh, check.stdout, check.q, check.slurp
local function jsonl_lines(path)
  local list = {}
  for line in io.lines(path) do list[#list + 1] = line end
  return list
end
-- The rows of CSV file PATH as SQLite's CSV importer reads them (header row
-- as column names, every value text), and the column names in order.
local function read_csv(path)
  local import = string.format("sqlite3 :memory: '.import --csv %s t' '.mode json' ", q(path))
  local rows = cjson.decode((stdout(import .. q("SELECT * FROM t ORDER BY rowid"))))
  local cols = {}
  for _, c in ipairs(cjson.decode((stdout(import .. q("SELECT name FROM pragma_table_info('t') ORDER BY cid"))))) do
    cols[#cols + 1] = c.name
  end
  return rows, cols
end

-- the records themselves, to compare against
local records, by_path = {}, {}
for rec in quire.open(corpus) do
  records[#records + 1] = rec
  by_path[rec.path] = rec
end
check.eq(#records, 168)

local STANDARD = {"path", "title", "date", "time", "source", "categories", "author", "tags",
                  "origin", "editor", "text"}

---------------------------------------------------------------------------
-- 1. --fields: front matter keys (headimg: in 149 of the 168 posts;
-- comments: false everywhere; thumbnail: '' in some), a record field (hash:
-- set for exports, the file's fingerprint) and a key no post has (nope).
local EXTRA = {"headimg", "comments", "hash", "thumbnail", "nope"}
local function want_extra(rec, name)
  if name == "hash" then return chash(slurp(rec.path)) end
  return rec.meta[name]
end
do
  local out, code = sh(string.format("%s -E export %s --to jsonl --fields %s -j 2 -o %s/fields.jsonl",
    bin, q(corpus), table.concat(EXTRA, ","), work))
  check.eq(code, 1, "--fields: status 1 for the corpus's 4 error records")
  check.ok(out:find("exported 168 records, 4 errors", 1, true), out)
  local n, without_headimg, with_thumbnail = 0, 0, 0
  for _, line in ipairs(jsonl_lines(work .. "/fields.jsonl")) do
    local obj = cjson.decode(line)
    local rec = by_path[obj.path]
    n = n + 1
    if check.ok(rec, "a path that was read: " .. tostring(obj.path)) then
      local what = " of " .. rec.path
      for _, name in ipairs(EXTRA) do check.eq(obj[name], want_extra(rec, name), "--fields " .. name .. what) end
      if rec.meta.headimg == nil then
        without_headimg = without_headimg + 1
        check.ok(not line:find(',"headimg":', 1, true), "no headimg key when the post has none" .. what)
      end
      if rec.meta.thumbnail == "" then with_thumbnail = with_thumbnail + 1 end
      check.ok(not line:find('"nope":', 1, true), "a key no post has is left out" .. what)
      -- order: the standard keys present, then the extra ones, then error
      local keys = {}
      for _, k in ipairs(STANDARD) do if obj[k] ~= nil then keys[#keys + 1] = k end end
      for _, k in ipairs(EXTRA) do if obj[k] ~= nil then keys[#keys + 1] = k end end
      if obj.error then keys[#keys + 1] = "error" end
      local last, in_order = 0, true
      for _, k in ipairs(keys) do
        -- ,"key": cannot occur inside a JSON string (its quotes are escaped)
        local at = line:find((k == "path" and '{"' or ',"') .. k .. '":', 1, true)
        if not at or at < last then in_order = false; break end
        last = at
      end
      check.ok(in_order, "keys in order " .. table.concat(keys, ",") .. what .. ": " .. line:sub(1, 80))
    end
  end
  check.eq(n, 168, "--fields: jsonl lines")
  check.ok(without_headimg > 0 and without_headimg < 168, "some posts have no headimg: " .. without_headimg)
  check.ok(with_thumbnail > 0, "some posts have an empty thumbnail: " .. with_thumbnail)

  out, code = sh(string.format("%s -E export %s --to csv --fields %s -j 2 -o %s/fields.csv",
    bin, q(corpus), table.concat(EXTRA, ","), work))
  check.eq(code, 1)
  check.ok(out:find("exported 168 records, 4 errors", 1, true), out)
  local header = slurp(work .. "/fields.csv"):match("^([^\r\n]*)\r\n")
  check.eq(header, table.concat(STANDARD, ",") .. "," .. table.concat(EXTRA, ",") .. ",error",
    "csv header: the standard columns, then --fields in order, then error")
  local rows = read_csv(work .. "/fields.csv")
  check.eq(#rows, 168, "--fields: csv rows")
  local empty_headimg, want_empty = 0, 0
  for _, row in ipairs(rows) do
    local rec = by_path[row.path]
    if check.ok(rec, "a csv path that was read: " .. tostring(row.path)) then
      for _, name in ipairs(EXTRA) do
        local v = want_extra(rec, name)
        check.eq(row[name], v == nil and "" or tostring(v), "csv --fields " .. name .. " of " .. rec.path)
      end
      if row.headimg == "" then empty_headimg = empty_headimg + 1 end
      if rec.meta.headimg == nil or rec.meta.headimg == "" then want_empty = want_empty + 1 end
    end
  end
  check.eq(empty_headimg, want_empty, "csv: headimg empty where absent or ''")
  check.ok(want_empty >= without_headimg and without_headimg > 0, "absent values are in the csv test too")
end

---------------------------------------------------------------------------
-- 2. --to text: -o DIR/ writes one .txt file per record (plus index.md),
-- named after the source path made safe and suffixed with 8 hex digits of
-- the path's hash; each holds the title, a line "date · source · path",
-- a blank line and the cleaned text. Without -o, the same texts as one
-- stream separated by a rule line.
local RULE = string.rep("─", 40)
-- the cleaned records (the text to expect), in export order
local cleaned = {}
do
  sh(string.format("%s -E -q export %s --to jsonl -j 2 -o %s/clean.jsonl", bin, q(corpus), work))
  for _, line in ipairs(jsonl_lines(work .. "/clean.jsonl")) do cleaned[#cleaned + 1] = cjson.decode(line) end
  check.eq(#cleaned, 168, "cleaned jsonl")
end
local function text_of(obj)
  local head = table.concat({obj.date, obj.source, obj.path}, " · ")
  return (obj.title or "(untitled)") .. "\n" .. head .. "\n\n" .. (obj.text or ("(" .. obj.error .. ")")) .. "\n"
end
do
  local dir = work .. "/txt/"
  local out = sh(string.format("%s -E export %s --to text -j 2 -o %s", bin, q(corpus), q(dir)))
  check.ok(out:find("exported 168 records, 4 errors (168 records)", 1, true), out)
  local found = {}
  local listing = stdout(string.format("cd %s && find . -type f -name '*.txt'", q(dir)))
  local nfiles = 0
  for name in listing:gmatch("[^\n]+") do found[name:gsub("^%./", "")] = true; nfiles = nfiles + 1 end
  check.eq(nfiles, 168, "one .txt file per record")
  check.ok(io.open(dir .. "index.md"), "index.md")
  local _, index_rows = slurp(dir .. "index.md"):gsub("%.txt%)", "")
  check.eq(index_rows, 168, "index.md links every file")
  -- a file or folder name made safe as quire.folder promises: no <>:"\|?*
  -- or control characters, no leading or trailing dots or spaces, not empty
  local BAD = '[%c<>:"\\|%?%*]'
  local function safe_name(s)
    s = s:gsub(BAD, "_"):gsub("^[%s%.]+", ""):gsub("[%s%.]+$", "")
    return s == "" and "_" or s
  end
  local matched, unsafe = 0, 0
  for _, obj in ipairs(cleaned) do
    -- where the file must be: the folders of the path inside the archive,
    -- then the file name without extension (unsafe characters as _, at most
    -- 100 bytes), "-", the first 8 hex digits of the path's hash, ".txt"
    local rel = obj.path:sub(#corpus + 2)
    local folders, leaf = rel:match("^(.*)/([^/]*)$")
    local parts = {}
    for part in folders:gmatch("[^/]+") do parts[#parts + 1] = safe_name(part) end
    folders = table.concat(parts, "/")
    local stem = leaf:gsub("%.md$", "")
    if stem:find(BAD) or safe_name(stem) ~= stem then unsafe = unsafe + 1 end
    local safe = safe_name(stem)
    local suffix = "-" .. chash(obj.path):sub(1, 8) .. ".txt"
    local name
    for f in pairs(found) do
      if f:sub(1, #folders + 1) == folders .. "/" and f:sub(-#suffix) == suffix and not f:find("/", #folders + 2, true) then
        name = f
      end
    end
    if check.ok(name, "a file for " .. rel .. " named ...'" .. suffix .. "'") then
      matched = matched + 1
      found[name] = nil
      local got_stem = name:sub(#folders + 2, -#suffix - 1)
      check.ok(not got_stem:find(BAD), "a safe file name: " .. name)
      if #safe <= 100 then
        check.eq(got_stem, safe, "the file name follows the source file's")
      else
        check.ok(#got_stem <= 100 and #got_stem > 96 and safe:sub(1, #got_stem) == got_stem and utf8.len(got_stem),
          "a long name is cut to 100 bytes on a character boundary: " .. got_stem)
      end
      check.eq(slurp(dir .. name), text_of(obj), "the text file of " .. rel)
    end
  end
  check.eq(matched, 168, "every record has its file")
  check.ok(next(found) == nil, "no file for no record: " .. tostring(next(found)))
  check.ok(unsafe >= 5, "the corpus has file names with unsafe characters: " .. unsafe)

  -- the stream: the same texts in the same order, between rule lines
  local stream = stdout(string.format("%s -E -q export %s --to text -j 2", bin, q(corpus)))
  local parts, at = {}, 1
  while true do
    local s, e = stream:find("\n" .. RULE .. "\n", at, true)
    if not s then parts[#parts + 1] = stream:sub(at); break end
    parts[#parts + 1] = stream:sub(at, s)
    at = e + 1
  end
  check.eq(#parts, 168, "the stream has one text per record")
  local same = 0
  for i, obj in ipairs(cleaned) do
    if parts[i] == text_of(obj) then same = same + 1 else check.eq(parts[i], text_of(obj), "stream text " .. i) end
  end
  check.eq(same, 168, "every stream text is the record's")

  -- a record without a date keeps its source and path on the second line
  -- (render() once built it with ipairs, which stops at the first nil)
  local nodate = work .. "/nodate"
  assert(os.execute("mkdir -p " .. q(nodate .. "/feeds/src")))
  io.open(nodate .. "/feeds/src/p.md", "w"):write("---\ntitle: No date\ncategories: [feeds, src]\n---\n<p>Body.</p>\n"):close()
  local txt = stdout(string.format("%s -E -q export %s --to text", bin, q(nodate)))
  check.eq(txt:match("^[^\n]*\n([^\n]*)\n"), "src · " .. nodate .. "/feeds/src/p.md",
    "a dateless record's text keeps its source and path")
end

---------------------------------------------------------------------------
-- 3. The SQLite images table: the cleaner's images of every post, in
-- order (positions 1..n), joined to posts; none with --raw.
do
  local db_path = work .. "/img.db"
  sh(string.format("%s -E -q export %s --to sqlite -j 2 -o %s", bin, q(corpus), db_path))
  local db = assert(sqlite.open(db_path))
  local function one(sql, ...) return assert(db:prepare(sql)):first(...) end
  local stats = one([[SELECT count(*) AS n, count(DISTINCT post_id) AS posts,
    sum(coalesce(alt, '') <> '') AS alts, sum(coalesce(caption, '') <> '') AS captions,
    sum(coalesce(src, '') = '') AS no_src FROM images]])
  check.ok(stats.n > 300 and stats.posts > 50, "images rows: " .. stats.n .. " in " .. stats.posts .. " posts")
  check.ok(stats.alts > 0 and stats.captions > 0, "some images have alt and caption: " .. stats.alts .. ", " .. stats.captions)
  check.eq(stats.no_src, 0, "every image has a src")
  check.eq(one("SELECT count(*) AS n FROM images WHERE post_id NOT IN (SELECT id FROM posts)").n, 0,
    "every image's post_id is a post")
  check.eq(one([[SELECT count(*) AS n FROM (SELECT post_id FROM images GROUP BY post_id
    HAVING min(position) <> 1 OR max(position) <> count(*) OR count(DISTINCT position) <> count(*))]]).n, 0,
    "positions run 1..n in each post")
  -- every post's rows are what the cleaner reports for it
  local stmt = db:prepare([[SELECT i.position, i.src, i.alt, i.caption FROM images i JOIN posts p ON p.id = i.post_id
    WHERE p.path = ? ORDER BY i.position]])
  local function rows_of(path)
    local list = {}
    for row in stmt:rows(path) do list[#list + 1] = {row.src, row.alt, row.caption} end
    return list
  end
  local equal, picked = 0, {}
  for _, rec in ipairs(records) do
    local fresh
    for r in quire.open(rec.path) do fresh = r end
    fresh:clean()
    local want = {}
    for i, img in ipairs(fresh.images or {}) do want[i] = {img.src, img.alt, img.caption} end
    if check.same(rows_of(rec.path), want, "images of " .. rec.path) then equal = equal + 1 end
    if rec.title == "10 块钱以上的雪糕滚出中国！" or rec.title == "00后_整顿职场_，在整顿什么？" then
      picked[rec.title] = want
    end
  end
  check.eq(equal, 168, "every post's images rows equal the cleaner's rec.images")
  -- two posts picked by hand: a Zhihu answer with captions, a Sina article with alt texts
  local zhihu, sina = picked["10 块钱以上的雪糕滚出中国！"], picked["00后_整顿职场_，在整顿什么？"]
  if check.ok(zhihu and sina, "the two picked posts are in the corpus") then
    local captions = 0
    for _, img in ipairs(zhihu) do if img[3] then captions = captions + 1 end end
    check.ok(#zhihu >= 20, "the Zhihu answer's images (26 when written): " .. #zhihu)
    check.ok(captions >= 5, "the Zhihu answer's captions (7 when written): " .. captions)
    check.eq(zhihu[3][3], "图片截自微博", "a caption")
    check.eq(#sina, 8, "the Sina article's images")
    check.eq(sina[1][2], "资料图：中山大学2022届毕业典礼暨2022年学位授予仪式。陈楚红 摄", "an alt text")
    check.ok(sina[1][1]:find("^https://n%.sinaimg%.cn/"), "a src: " .. sina[1][1])
  end
  db:close()

  -- --raw: the body's whole text, no cleaning, so no images rows
  local raw_path = work .. "/raw.db"
  sh(string.format("%s -E -q export %s --to sqlite --raw -o %s", bin, q(corpus), raw_path))
  db = assert(sqlite.open(raw_path))
  check.eq(one("SELECT count(*) AS n FROM posts").n, 168, "--raw: every post")
  check.eq(one("SELECT count(*) AS n FROM images").n, 0, "--raw: no images rows")
  db:close()
end

---------------------------------------------------------------------------
-- 4. CSV round trip: every field of every row equals the JSON Lines
-- export's (lists joined with ";", absent as ""), texts with line breaks,
-- quotes and commas included; --bom adds EF BB BF and nothing else.
do
  local csv_path, bom_path = work .. "/rt.csv", work .. "/rt-bom.csv"
  sh(string.format("%s -E -q export %s --to csv -j 2 -o %s", bin, q(corpus), csv_path))
  sh(string.format("%s -E -q export %s --to csv --bom -j 2 -o %s", bin, q(corpus), bom_path))
  local plain, bom = slurp(csv_path), slurp(bom_path)
  check.ok(plain:sub(1, 5) == "path,", "no BOM without --bom")
  check.eq(bom:sub(1, 3), "\239\187\191", "--bom: the file starts with EF BB BF")
  check.ok(bom:sub(4) == plain, "--bom: the rest is the same bytes")
  local want_cols = {}
  for _, k in ipairs(STANDARD) do want_cols[#want_cols + 1] = k end
  want_cols[#want_cols + 1] = "error"
  local function cell(v)
    if v == nil then return "" end
    if type(v) == "table" then
      local parts = {}
      for i, x in ipairs(v) do parts[i] = tostring(x) end
      return table.concat(parts, ";")
    end
    if math.type(v) == "float" and math.tointeger(v) then return string.format("%d", v) end
    return tostring(v)
  end
  local seen = {quote = 0, comma = 0, newline = 0}
  for _, variant in ipairs {{csv_path, "csv"}, {bom_path, "csv --bom"}} do
    local rows, cols = read_csv(variant[1])
    local what = variant[2]
    check.same(cols, want_cols, what .. ": the header parses to the columns")
    check.eq(#rows, #cleaned, what .. ": rows")
    local equal = 0
    for i, obj in ipairs(cleaned) do
      local row, ok = rows[i] or {}, true
      for _, k in ipairs(want_cols) do
        local want = cell(obj[k])
        if row[k] ~= want then
          ok = false
          check.eq(row[k], want, string.format("%s: row %d (%s) field %s", what, i, obj.path, k))
        elseif what == "csv" then
          if want:find('"', 1, true) then seen.quote = seen.quote + 1 end
          if want:find(",", 1, true) then seen.comma = seen.comma + 1 end
          if want:find("\n", 1, true) then seen.newline = seen.newline + 1 end
        end
      end
      if ok then equal = equal + 1 end
    end
    check.eq(equal, 168, what .. ": every row equals its JSON Lines record")
  end
  check.ok(seen.quote > 5 and seen.comma > 10 and seen.newline > 100,
    string.format("the round trip covered fields with quotes (%d), commas (%d), line breaks (%d)",
      seen.quote, seen.comma, seen.newline))
end

-- ---- temporary files of killed runs ----------------------------------
-- the first output opened in a folder removes the temporary files this
-- machine's dead processes left there, and no other machine's (on a
-- shared folder, another machine's export may still be running)
do
  local atomic = require "quire.atomic"
  local sys = require "quire.c.sys"
  local dir = work .. "/sweep"
  assert(os.execute("mkdir -p " .. q(dir)))
  local dead = tonumber((sh("sh -c 'echo $$'")))  -- a process that has exited
  check.eq(sys.alive(dead), false, "the shell has exited")
  local host = sys.hostname():gsub("[^%w%.%-]", "_")
  local ours = string.format(".a.jsonl.quire-%s-%d.tmp", host, dead)
  local theirs = string.format(".a.jsonl.quire-%s-%d.tmp", host .. "x", dead)
  local live = string.format(".a.jsonl.quire-%s-%d.tmp", host, sys.pid())
  for _, name in ipairs {ours, theirs, live} do io.open(dir .. "/" .. name, "w"):close() end
  local out = assert(atomic.open(dir .. "/b.txt"))
  out.file:write("b")
  assert(out:commit())
  check.eq(check.slurp(dir .. "/" .. ours), nil, "this machine's dead process's file is removed")
  check.eq(check.slurp(dir .. "/" .. theirs), "", "another machine's is left")
  check.eq(check.slurp(dir .. "/" .. live), "", "a live process's is left")
  check.eq(check.slurp(dir .. "/b.txt"), "b", "the output itself")
end

sh("rm -rf " .. q(work))
check.done()
