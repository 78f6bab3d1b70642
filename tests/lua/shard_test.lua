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

check.done()
