-- Every post of the real corpus comes through quire.open as exactly one
-- record, in walk order, with its common fields; only the four posts whose
-- front matter is not YAML carry an error.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local corpus = check.corpus()

-- The post files, found without quire's walker (find counts " .md" too).
local files, expected = {}, 0
do
  local p = assert(io.popen("cd '" .. corpus .. "' && find . -type f -name '*.md' -print0"))
  local out = p:read("a")
  p:close()
  for rel in out:gmatch("%./([^%z]+)%z") do
    files[corpus .. "/" .. rel] = true
    expected = expected + 1
  end
end
check.eq(expected, 168, "post files in the corpus")

local errors_seen = {}
local records, seen, order = 0, {}, {}
for rec in quire.open(corpus) do
  records = records + 1
  check.ok(files[rec.path], "record for a file find listed: " .. tostring(rec.path))
  check.ok(not seen[rec.path], "one record per file: " .. tostring(rec.path))
  seen[rec.path] = true
  order[#order + 1] = rec.path
  if rec.error then errors_seen[rec.path:match("[^/]*$")] = rec.error end
  local where = rec.path:sub(#corpus + 2)
  check.eq(type(rec.title), "string", "title of " .. where)
  check.ok(type(rec.date) == "string" and rec.date:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ$"),
    "ISO date of " .. where)
  check.eq(math.type(rec.time), "integer", "time of " .. where)
  check.ok(#rec.categories >= 2, "categories of " .. where)
  check.eq(rec.categories[1], where:match("^post/([^/]+)") or where:match("^source/_posts/([^/]+)"),
    "first category is the top folder: " .. where)
  check.eq(type(rec.source), "string", "source of " .. where)
  check.eq(type(rec.body), "string", "body of " .. where)
  -- no category is itself a list (nested lists are flattened)
  for _, c in ipairs(rec.categories) do check.eq(type(c), "string") end
end
check.eq(records, expected, "records")
-- Each folder is read in byte order of its entries' names: the paths sorted
-- name by name (not as whole strings: "a b/x" < "a/x" but "a" < "a b").
do
  local function parts(path)
    local t = {}
    for part in path:gmatch("[^/]+") do t[#t + 1] = part end
    return t
  end
  local want = table.move(order, 1, #order, 1, {})
  table.sort(want, function(a, b)
    local pa, pb = parts(a), parts(b)
    for i = 1, math.min(#pa, #pb) do
      if pa[i] ~= pb[i] then return pa[i] < pb[i] end
    end
    return #pa < #pb
  end)
  check.same(order, want, "walk order")
end
check.same(errors_seen, {
  ["\"\"\"\"\"\"\"'kqrqsiの投稿イラスト'\"\"\"\"\"\"\".md"] =
    "front matter: line 3: did not find expected key while parsing a block mapping",
  ["\"\"\"\"\"\"\"'SP'\"\"\"\"\"\"\".md"] =
    "front matter: line 3: did not find expected key while parsing a block mapping",
  ["\"\"\"\"\"\"\"'第1集'\"\"\"\"\"\"\".md"] =
    "front matter: line 3: did not find expected key while parsing a block mapping",
  ["2021年04月18日 割引終了ゴキブリ素材集.md"] =
    "front matter: line 12: could not find expected ':' while scanning a simple key",
})

-- Reading the same files one by one gives the same count, and the counts
-- kept by quire.archive saw every record and every error.
local archive = require "quire.archive"
check.eq(archive.counts.records, expected)
check.eq(archive.counts.errors, 4)
local list = {}
for path in pairs(files) do list[#list + 1] = path end
table.sort(list)
local n = 0
for _ in quire.open(list) do n = n + 1 end
check.eq(n, expected, "records from a list of files")

check.done()
