-- --shard K/N: a stable, disjoint split of an archive by FNV-1a of each
-- file's path relative to the archive root given.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local archive = require "quire.archive"
local corpus = check.corpus()
local root = os.getenv("QUIRE_ROOT")

-- FNV-1a 32-bit reference values (from the algorithm's published test vectors)
check.eq(archive.fnv1a(""), 0x811c9dc5, "fnv1a of the empty string")
check.eq(archive.fnv1a("a"), 0xe40c292c, "fnv1a of 'a'")
check.eq(archive.fnv1a("foobar"), 0xbf9cf968, "fnv1a of 'foobar'")

check.same(archive.parse_shard("2/5"), {k = 2, n = 5}, "K/N")
for _, bad in ipairs {"0/3", "4/3", "1/0", "x", "1/2/3", ""} do
  local ok, err = pcall(archive.parse_shard, bad)
  check.eq(ok, false, "rejects " .. bad)
  check.eq(err, "--shard takes K/N with 1 <= K <= N, got '" .. bad .. "'", "message for " .. bad)
end

local function paths(opts)
  local out = {}
  for rec in quire.open(corpus, opts) do out[#out + 1] = rec.path end
  return out
end
local all = paths()
local n = 4
local seen, total = {}, 0
for k = 1, n do
  local part = paths {shard = k .. "/" .. n}
  check.ok(#part > 0 and #part < #all, "shard " .. k .. " is a proper part")
  total = total + #part
  for _, p in ipairs(part) do
    check.ok(not seen[p], "in one shard only: " .. p)
    seen[p] = true
    local rel = p:sub(#corpus + 2)
    check.eq(archive.shard_of(rel, n), k, "hash of the relative path picks the shard")
  end
end
check.eq(total, #all, "the shards cover the archive")

-- relative to the root given: the same files whatever the root is called
local a = paths {shard = "1/3"}
local b = {}
for rec in quire.open(corpus .. "/", {shard = "1/3"}) do b[#b + 1] = rec.path:sub(#corpus + 2) end
for i, p in ipairs(a) do a[i] = p:sub(#corpus + 2) end
check.same(b, a, "a trailing slash does not change the split")

-- the module default (set by --shard) applies unless opts say otherwise
archive.shard = archive.parse_shard("2/4")
check.same(paths(), paths {shard = "2/4"}, "archive.shard applies by default")
check.same(paths {shard = false}, all, "shard = false reads everything")
archive.shard = nil

-- quire.map's workers split the shard, with the same result as one process
local one = quire.map(corpus, function(r) return r.path end, {jobs = 1, shard = "3/4"})
local three = quire.map(corpus, function(r) return r.path end, {jobs = 3, shard = "3/4"})
check.same(three, one, "workers within a shard")
check.same(one, paths {shard = "3/4"}, "map and open agree")

-- the command line: --shard on any command, and a usage error
local bin = os.getenv("QUIRE_BIN")
local function sh(cmd)
  local f = io.popen(cmd .. " 2>&1; echo \"[exit $?]\"")
  local out = f:read("a")
  f:close()
  return out
end
local count = 0
for k = 1, 3 do
  local out = sh(string.format("%q -E -e 'local n = 0 for r in quire.open() do n = n + 1 end print(n)' %q --shard %d/3",
    bin, root .. "/examples/archive", k))
  count = count + tonumber(out:match("^(%d+)"))
end
check.eq(count, 10, "three shards of examples/archive add up to its 10 posts")
check.eq(sh(string.format("%q -E -e '' --shard 3/2", bin)),
  "quire: --shard takes K/N with 1 <= K <= N, got '3/2' (see 'quire --help')\n[exit 2]\n", "a bad --shard")


-- --shard on the built-in commands, over the corpus in 3 shards: what the
-- shards write, put together the way each command's output goes together,
-- is what the whole run writes, and no record is in two shards.
local cjson = require "cjson"
local work = os.tmpname()
os.remove(work)
assert(os.execute("mkdir -p " .. work))
local q, slurp = check.q, check.slurp
local function lines_of(s)
  local t = {}
  for l in s:gmatch("[^\n]+") do t[#t + 1] = l end
  return t
end
local N = 3
-- Runs `quire -E -q ARGS` over the corpus (or EXTRA.archive) whole and as
-- shards 1..N, all at once; with EXTRA.whole and EXTRA.shard (options for
-- the whole run and for the shards) the whole run goes first. Returns the whole run's
-- stdout and the shards' stdouts (and leaves NAME.K.status files).
local function runs(name, args, extra)
  local dir = extra and extra.archive or corpus
  local function cmd(more, out)
    return string.format("(%s -E -q %s %s %s > %s 2>/dev/null; echo $? > %s.status) &",
      q(bin), args, q(dir), more, q(out), q(out))
  end
  local jobs = {cmd(extra and extra.whole or "", work .. "/" .. name .. ".all") .. (extra and extra.whole and " wait" or "")}
  for k = 1, N do
    jobs[#jobs + 1] = cmd("--shard " .. k .. "/" .. N .. " " .. (extra and extra.shard or ""), work .. "/" .. name .. "." .. k)
  end
  assert(os.execute(table.concat(jobs, "\n") .. "\nwait"))
  local parts = {}
  for k = 1, N do parts[k] = slurp(work .. "/" .. name .. "." .. k) end
  local whole = slurp(work .. "/" .. name .. ".all")
  check.ok(#whole > 0, name .. ": the whole run wrote something")
  return whole, parts
end
local function sorted(t) table.sort(t) return t end
-- records: the shards' lines together are the whole run's lines (as
-- multisets), each record's path is in one shard only, the one its
-- relative path hashes to
local function same_records(name, args, extra)
  local whole, parts = runs(name, args, extra)
  local dir = extra and extra.archive or corpus
  local all, where, erred = {}, {}, {}
  for k, part in ipairs(parts) do
    local n = 0
    for _, line in ipairs(lines_of(part)) do
      all[#all + 1] = line
      n = n + 1
      local obj = cjson.decode(line)
      local path = obj.path
      if obj.error then erred[k] = true end
      if path and where[path] ~= k then
        check.ok(where[path] == nil, name .. ": " .. path .. " is in shards " .. tostring(where[path]) .. " and " .. k)
        where[path] = k
        check.eq(archive.shard_of(path:sub(#dir + 2), N), k, name .. ": the shard of " .. path)
      end
    end
    check.ok(n > 0, name .. ": shard " .. k .. " wrote records")
  end
  local want = sorted(lines_of(whole))
  check.eq(#all, #want, name .. ": lines in the shards and in the whole run")
  check.ok(#want > 0, name .. ": records")
  check.same(sorted(all), want, name .. ": the shards' records are the whole run's")
  -- the exit status: 1 in the shards with error records, as in the whole run
  local status = {}
  for k = 1, N do
    status[k] = tonumber(slurp(work .. "/" .. name .. "." .. k .. ".status"))
    if next(erred) then check.eq(status[k], erred[k] and 1 or 0, name .. ": shard " .. k .. "'s exit status") end
  end
  return want, where, status
end

local _, in_shard, export_status = same_records("export", "export --to jsonl")
local nrec = 0
for _ in pairs(in_shard) do nrec = nrec + 1 end
check.eq(nrec, 168, "export: every record in a shard")
check.eq(tonumber(slurp(work .. "/export.all.status")), 1, "export: status 1 for the error records")
same_records("clean", "clean --format jsonl")
same_records("extract", "extract --format jsonl", {archive = root .. "/examples/archive"})
-- summarize: TF-IDF counts document frequencies over the archives given,
-- so the shards read the whole run's table (--save-idf, then --idf).
-- (extract and summarize over examples/archive: the corpus takes seconds)
local idf = work .. "/idf.tsv"
same_records("summarize", "summarize --format jsonl",
  {archive = root .. "/examples/archive", whole = "--save-idf " .. q(idf), shard = "--idf " .. q(idf)})

-- stats: counts add up per group (posts and errors; medians and shares do
-- not add), and in total
do
  local whole, parts = runs("stats", "stats --format json")
  local w = cjson.decode(whole)
  local posts, errors, by_key = 0, 0, {}
  for _, part in ipairs(parts) do
    local s = cjson.decode(part)
    posts, errors = posts + s.posts, errors + s.errors
    for _, g in ipairs(s.groups) do
      local t = by_key[g.key] or {posts = 0, errors = 0}
      t.posts, t.errors = t.posts + g.posts, t.errors + g.errors
      by_key[g.key] = t
    end
  end
  check.eq(posts, w.posts, "stats: posts in the shards add up to the whole")
  check.eq(w.posts, 168, "stats: posts")
  check.eq(errors, w.errors, "stats: errors in the shards add up")
  check.eq(w.errors, 4, "stats: errors")
  local want = {}
  for _, g in ipairs(w.groups) do want[g.key] = {posts = g.posts, errors = g.errors} end
  check.same(by_key, want, "stats: posts and errors per source add up")
  for k = 1, N do
    check.eq(tonumber(slurp(work .. "/stats." .. k .. ".status")), export_status[k],
      "stats: shard " .. k .. "'s status is export's (1 when it holds error records)")
  end
end

-- dedup compares posts within a run: a shard's groups are the whole run's
-- groups (or parts of them, when a group's posts fell in other shards),
-- a group that lies in one shard comes out whole, and the --keep lists are
-- disjoint and keep every post the whole run keeps
do
  local whole, parts = runs("dedup", "dedup --format jsonl")
  local function groups(s)
    local list = {}
    for _, line in ipairs(lines_of(s)) do
      local set = {}
      for _, m in ipairs(cjson.decode(line).posts) do set[#set + 1] = m.path end
      list[#list + 1] = sorted(set)
    end
    return list
  end
  local wg = groups(whole)
  check.ok(#wg >= 2, "dedup: the corpus has groups: " .. #wg)
  local group_of = {}
  for i, g in ipairs(wg) do for _, p in ipairs(g) do group_of[p] = i end end
  local found = {}
  for k, part in ipairs(parts) do
    for _, g in ipairs(groups(part)) do
      local i = group_of[g[1]]
      local inside = i ~= nil
      for _, p in ipairs(g) do
        inside = inside and group_of[p] == i
        check.eq(archive.shard_of(p:sub(#corpus + 2), N), k, "dedup: a group member's shard")
      end
      check.ok(inside, "dedup: shard " .. k .. "'s group is within a group of the whole run: " .. g[1])
      if inside and #g == #wg[i] then found[i] = true end
    end
  end
  local whole_in_one = 0
  for i, g in ipairs(wg) do
    local k = archive.shard_of(g[1]:sub(#corpus + 2), N)
    local one = true
    for _, p in ipairs(g) do one = one and archive.shard_of(p:sub(#corpus + 2), N) == k end
    if one then
      whole_in_one = whole_in_one + 1
      check.ok(found[i], "dedup: a group within shard " .. k .. " comes out whole: " .. g[1])
    end
  end
  check.ok(whole_in_one >= 1, "dedup: some group lies in one shard")
  local keep_whole, keep_parts = runs("dedup-keep", "dedup --keep first")
  local keep, seen = {}, {}
  for _, part in ipairs(keep_parts) do
    for _, p in ipairs(lines_of(part)) do
      check.ok(not seen[p], "dedup --keep: in one shard only: " .. p)
      seen[p] = true
      keep[#keep + 1] = p
    end
  end
  local kept_whole = lines_of(keep_whole)
  for _, p in ipairs(kept_whole) do check.ok(seen[p], "dedup --keep: a shard keeps " .. p) end
  -- what only the shards keep: posts whose duplicate fell in another shard
  local extra = #keep - #kept_whole
  local split = 0
  for _, g in ipairs(wg) do
    local shards = {}
    for _, p in ipairs(g) do shards[archive.shard_of(p:sub(#corpus + 2), N)] = true end
    for _ in pairs(shards) do split = split + 1 end
    split = split - 1
  end
  check.eq(extra, split, "dedup --keep: the shards keep one more post per shard a group is spread over")
end

os.execute("rm -rf " .. q(work))
check.done()
