--- quire.dedup: groups of posts whose text is nearly the same.
--
--   local groups, items = dedup.run("posts/", {jobs = 2})
--   for _, g in ipairs(groups) do
--     for _, m in ipairs(g) do print(items[m.index].path, m.similarity) end
--   end
--
-- Each text gets a MinHash signature over shingles of opts.shingle
-- characters (letters and digits only, lower-cased; quire.c.minhash).
-- Candidate pairs come from LSH banding: the signature is cut into
-- opts.bands bands, and texts that agree on a whole band share a bucket,
-- so the work grows with the number of posts, not its square. A candidate
-- pair is a match when its estimated Jaccard similarity (the share of equal
-- signature slots) is at least opts.threshold; groups are the connected
-- matches. Texts with no letters or digits are never grouped.

local minhash = require "quire.c.minhash"
local summary = require "quire.summary"

local dedup = {}

dedup.defaults = {
  shingle = 5,       -- characters per shingle
  hashes = 128,      -- signature slots
  bands = 32,        -- LSH bands (hashes / bands slots each)
  threshold = 0.5,   -- least estimated Jaccard similarity of a match
  bucket_peers = 16, -- a bucket member is compared with at most this many before it
}

local function option(opts, key)
  local v = opts and opts[key]
  if v == nil then v = dedup.defaults[key] end
  return v
end

--- The MinHash signature of X (a text or a record): a hex string, and the
-- number of shingles (0 for a text with no letters or digits).
function dedup.signature(x, opts)
  return minhash.signature(summary.text_of(x), option(opts, "shingle"), option(opts, "hashes"))
end

--- Estimated Jaccard similarity of two signatures.
dedup.similarity = minhash.similarity

--- An item for find(): {path, sig, shingles, length} of the record REC.
function dedup.item(rec, opts)
  local t = summary.text_of(rec)
  local sig, n = minhash.signature(t, option(opts, "shingle"), option(opts, "hashes"))
  return {path = rec.path, sig = sig, shingles = n, length = utf8.len(t) or #t}
end

--- Groups ITEMS (a list of {sig = ..., shingles = ...}): a list of groups,
-- each a list of {index = i, similarity = s} in input order, where s is
-- the similarity to the group's first member (1 for the first). Groups are
-- ordered by their first member.
function dedup.find(items, opts)
  local hashes = option(opts, "hashes")
  local bands = option(opts, "bands")
  local threshold = option(opts, "threshold")
  local peers = option(opts, "bucket_peers")
  if hashes % bands ~= 0 then
    error(string.format("quire.dedup: %d hashes do not split into %d bands", hashes, bands), 2)
  end
  local width = (hashes // bands) * 8  -- hex digits per band

  local parent = {}
  local function root(i)
    while parent[i] ~= i do
      parent[i] = parent[parent[i]]
      i = parent[i]
    end
    return i
  end
  for i = 1, #items do parent[i] = i end

  local compared = {}
  local function try(i, j)
    local ri, rj = root(i), root(j)
    if ri == rj then return end
    local key = i < j and i * 4294967296 + j or j * 4294967296 + i
    if compared[key] then return end
    compared[key] = true
    if minhash.similarity(items[i].sig, items[j].sig) >= threshold then
      if ri < rj then parent[rj] = ri else parent[ri] = rj end
    end
  end

  for b = 0, bands - 1 do
    local buckets = {}
    local from = b * width + 1
    for i, it in ipairs(items) do
      if it.shingles > 0 then
        local key = it.sig:sub(from, from + width - 1)
        local bucket = buckets[key]
        if bucket then
          -- a peer already in i's group needs no call (try would return
          -- at once); in a big archive most peers are, copies of one post
          local ri = root(i)
          for k = #bucket, math.max(1, #bucket - peers + 1), -1 do
            local j = bucket[k]
            if root(j) ~= ri then
              try(j, i)
              ri = root(i)
            end
          end
          if #bucket < peers then bucket[#bucket + 1] = i
          else bucket[(i % peers) + 1] = i end
        else
          buckets[key] = {i}
        end
      end
    end
  end

  local by_root, groups = {}, {}
  for i = 1, #items do
    local r = root(i)
    if r ~= i then
      local g = by_root[r]
      if not g then
        g = {{index = r, similarity = 1}}
        by_root[r] = g
        groups[#groups + 1] = g
      end
      g[#g + 1] = {index = i, similarity = minhash.similarity(items[r].sig, items[i].sig)}
    end
  end
  table.sort(groups, function(a, b) return a[1].index < b[1].index end)
  return groups
end

--- Which member of GROUP a de-duplicated export keeps: "first" (input
-- order) or "longest" (the longest text; the first of equals). Returns
-- the member's item index.
function dedup.keep(group, items, how)
  if how == "longest" then
    local best = group[1].index
    for _, m in ipairs(group) do
      if items[m.index].length > items[best].length then best = m.index end
    end
    return best
  end
  return group[1].index
end

--- Signatures of the records of PATHS (quire.map: opts.jobs, where, ...)
-- then their groups: groups, items.
function dedup.run(paths, opts)
  local quire = require "quire"
  local items = {}
  local o = setmetatable({each = function(it) items[#items + 1] = it end}, {__index = opts})
  quire.map(paths, function(rec) return dedup.item(rec, opts) end, o)
  return dedup.find(items, opts), items
end

return dedup
