--- quire.terms: words the dictionary lacks, learned from an archive.
--
--   local found = terms.learn("posts/", {jobs = 2})
--   io.write(terms.report(found))          -- term, count, PMI, entropies, score
--   terms.save(found, "terms.txt")         -- quire.text reads terms files
--
-- A candidate is a run of 2 to opts.max_len (default 4) Han characters
-- that occurs at least opts.min_count times. It is kept when its
-- characters stick together (pointwise mutual information: the least,
-- over every way to cut it in two, of log p(term) / (p(left) p(right)))
-- and it combines freely at both edges (the entropy of the characters
-- seen just before it and just after it; a sentence edge counts as a new
-- neighbour each time). Dictionary words, and candidates that start or
-- end with a one-character stop word (的, 在, 是, ...), are skipped.
--
-- Two passes: the first counts every n-gram of the Han runs (the runs go
-- to a temporary file meanwhile), the second counts the neighbours of the
-- candidates only. The n-gram table is bounded: past opts.max_entries
-- entries the rarest are dropped (lossy counting), so on a huge archive
-- the counts of rare strings are lower bounds.

local text = require "quire.text"
local summary = require "quire.summary"
local segment = require "quire.c.segment"

local terms = {}

--- Defaults for learn().
terms.defaults = {
  max_len = 4,          -- longest term, in characters
  min_count = nil,      -- nil: 5, or one per 500,000 characters if more
  min_pmi = 3.0,        -- least cohesion (natural log)
  min_entropy = 1.0,    -- least neighbour entropy at each edge (nats)
  max_entries = 4000000,
}

-- The Han runs of S, one per line.
local function han_runs(s)
  local out, cur = {}, {}
  for _, cp in utf8.codes(s, true) do
    if segment.is_han(cp) then
      cur[#cur + 1] = utf8.char(cp)
    elseif #cur > 0 then
      out[#out + 1] = table.concat(cur)
      cur = {}
    end
  end
  if #cur > 0 then out[#out + 1] = table.concat(cur) end
  return table.concat(out, "\n")
end
terms.han_runs = han_runs

local function chars(run)
  local list = {}
  for c in run:gmatch(utf8.charpattern) do list[#list + 1] = c end
  return list
end

local function entropy(counts)
  local total = 0
  for _, c in pairs(counts) do total = total + c end
  if total == 0 then return 0 end
  local h = 0
  for _, c in pairs(counts) do
    local p = c / total
    h = h - p * math.log(p)
  end
  return h
end

--- Learns terms from the records of PATHS. opts: quire.map's (jobs,
-- where, ...) and terms.defaults' keys. Returns a list of
-- {term, count, pmi, left, right, score}, best first.
function terms.learn(paths, opts)
  opts = opts or {}
  local o = setmetatable({}, {__index = function(_, k)
    if opts[k] ~= nil then return opts[k] end
    return terms.defaults[k]
  end})
  local max_len = math.max(2, math.min(o.max_len, text.max_term))
  local quire = require "quire"
  local tmpname = os.tmpname()
  local tmp = assert(io.open(tmpname, "w+b"))

  -- pass 1: n-gram counts
  local count, entries, floor, total = {}, 0, 1, 0
  local function prune()
    floor = floor + 1
    for k, c in pairs(count) do
      if c < floor then count[k] = nil; entries = entries - 1 end
    end
  end
  local function add_run(run)
    local cs = chars(run)
    local n = #cs
    total = total + n
    for i = 1, n do
      local s = ""
      for j = i, math.min(n, i + max_len - 1) do
        s = s .. cs[j]
        local c = count[s]
        if c then count[s] = c + 1 else count[s] = 1; entries = entries + 1 end
      end
    end
    if entries > o.max_entries then prune() end
  end
  local ok, err = pcall(quire.map, paths, function(rec)
    return han_runs(summary.text_of(rec))
  end, {jobs = o.jobs, where = o.where, since = o.since, ["until"] = o["until"],
        each = function(runs)
          if runs ~= "" then
            tmp:write(runs, "\n")
            for run in runs:gmatch("[^\n]+") do add_run(run) end
          end
        end})
  if not ok then tmp:close(); os.remove(tmpname); error(err, 0) end

  -- candidates: frequent, cohesive, not known, no stop word at an edge
  local min_count = o.min_count or math.max(5, total // 500000)
  local cand = {}
  local seg = text.segmenter()
  for s, c in pairs(count) do
    if c >= min_count and #s >= 6 then
      local cs = chars(s)
      if #cs >= 2 and not text.stopwords[cs[1]] and not text.stopwords[cs[#cs]]
         and not text.stopwords[s] and not seg:has(s) then
        local pmi = math.huge
        for k = 1, #cs - 1 do
          local a = table.concat(cs, "", 1, k)
          local b = table.concat(cs, "", k + 1)
          local ca, cb = count[a], count[b]
          if not ca or not cb then pmi = -math.huge; break end
          pmi = math.min(pmi, math.log(c * total / (ca * cb)))
        end
        if pmi >= o.min_pmi then
          cand[s] = {term = s, count = c, pmi = pmi, lefts = {}, rights = {}, len = #cs}
        end
      end
    end
  end
  count = nil

  -- pass 2: neighbours of the candidates
  tmp:seek("set", 0)
  local edge = 0
  for run in tmp:lines() do
    local cs = chars(run)
    local n = #cs
    for i = 1, n do
      local s = ""
      for j = i, math.min(n, i + max_len - 1) do
        s = s .. cs[j]
        local c = cand[s]
        if c then
          local l, r = cs[i - 1], cs[j + 1]
          if not l then edge = edge + 1; l = edge end
          if not r then edge = edge + 1; r = edge end
          c.lefts[l] = (c.lefts[l] or 0) + 1
          c.rights[r] = (c.rights[r] or 0) + 1
        end
      end
    end
  end
  tmp:close()
  os.remove(tmpname)

  local found = {}
  for _, c in pairs(cand) do
    c.left, c.right = entropy(c.lefts), entropy(c.rights)
    c.lefts, c.rights = nil, nil
    if math.min(c.left, c.right) >= o.min_entropy then
      c.score = c.pmi + math.min(c.left, c.right) + math.log(c.count)
      found[#found + 1] = c
    end
  end
  table.sort(found, function(a, b)
    if a.score ~= b.score then return a.score > b.score end
    return a.term < b.term
  end)
  -- drop a term inside a longer one found about as often (the longer one
  -- is the word: 政隆 in 吴政隆)
  local kept = {}
  for _, c in ipairs(found) do
    local inside = false
    for _, d in ipairs(found) do
      if d.len > c.len and d.term:find(c.term, 1, true) and d.count * 1.25 >= c.count then
        inside = true
        break
      end
    end
    if not inside then kept[#kept + 1] = c end
  end
  for _, c in ipairs(found) do c.len = nil end
  return kept
end

--- The terms FOUND as a table: term, count, PMI, left and right entropy, score.
function terms.report(found)
  local ustr = require "quire.ustr"
  local lines = {string.format("%s  %6s  %6s  %6s  %6s  %6s", ustr.pad("term", 12), "count", "pmi", "left", "right", "score")}
  for _, c in ipairs(found) do
    lines[#lines + 1] = string.format("%s  %6d  %6.2f  %6.2f  %6.2f  %6.2f",
      ustr.pad(c.term, 12), c.count, c.pmi, c.left, c.right, c.score)
  end
  return table.concat(lines, "\n") .. "\n"
end

--- Adds the terms FOUND to the terms file at PATH (created with its folder
-- if missing; terms already there are kept as they are), atomically.
-- Returns the number of new terms, or nil, message.
function terms.save(found, path)
  local atomic = require "quire.atomic"
  local sys = require "quire.c.sys"
  local lines, have = {}, {}
  local f = io.open(path, "r")
  if f then
    for line in f:lines() do
      lines[#lines + 1] = line
      local t = line:gsub("#.*$", ""):match("^%s*([^%s]+)")
      if t then have[t] = true end
    end
    f:close()
  else
    lines[1] = "# quire terms: one word a line (score after a tab); learned by quire summarize --learn-terms"
  end
  local added = 0
  for _, c in ipairs(found) do
    if not have[c.term] then
      have[c.term] = true
      added = added + 1
      lines[#lines + 1] = string.format("%s\t%.2f", c.term, c.score)
    end
  end
  local dir = path:match("^(.*)/[^/]*$")
  if dir and dir ~= "" then
    local ok, err = sys.mkdirs(dir)
    if not ok then return nil, "cannot create folder " .. tostring(err) end
  end
  local out, err = atomic.open(path)
  if not out then return nil, err end
  out.file:write(table.concat(lines, "\n"), "\n")
  local ok, cerr = out:commit()
  if not ok then return nil, cerr end
  return added
end

return terms
