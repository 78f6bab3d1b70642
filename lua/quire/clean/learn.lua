--- quire.clean.learn: profile rules learned from an archive (quire clean --learn).
--
-- Every record is split into raw blocks (no profile, no generic rules).
-- Per source, three things that repeat across many posts become rules:
--   * a block whose normalised text (digits as 0) recurs: a line to drop;
--   * "key：value" lines whose key recurs with varying values (责任编辑：X):
--     a line to lift into a field (known keys) or drop;
--   * an element class (div.appendQr_wrap) holding short text, about once
--     per post: a selector to drop.
-- Each rule carries a comment with how many posts it matched and an example.

local clean = require "quire.clean"
local quire = require "quire"
local ustr = require "quire.ustr"

local learn = {}

--- Thresholds: a rule needs min_posts posts and this share of the source's.
learn.min_posts = 3
learn.share = 0.3
learn.class_share = 0.5

-- Keys of "key：value" lines that name a known field.
local FIELDS = {
  ["责任编辑"] = "editor", ["编辑"] = "editor", ["来源"] = "origin", ["作者"] = "byline",
  ["原标题"] = "original_title", ["原文链接"] = "origin_url", ["原文"] = "origin_url",
  ["译文链接"] = "origin_url", ["记者"] = "byline", ["文"] = "byline",
}

local function normalise(text)
  text = ustr.trim(text):gsub("%s+", " ")
  return (text:gsub("%d+", "0"))
end

-- Key of a "key：value" line (a short key before a colon), or nil.
local function key_of(text)
  local k, v = clean.fold(text):match("^([^:]+):%s*(.*)$")
  if not k then return nil end
  k = ustr.trim(k)
  local n = utf8.len(k) or #k
  if n == 0 or n > 6 or k:find("[%p%s]") then return nil end
  return k, v
end

-- What one record contributes: its source, texts, keys and classes.
local function signature(rec)
  if rec.error and not rec.body then return nil end
  local blocks = clean.clean(rec, {raw = true})
  local texts, keys, classes, chains, seen = {}, {}, {}, {}, {}
  for _, b in ipairs(blocks) do
    if b.text ~= "" and b.kind ~= "heading" then
      local n = normalise(b.text)
      if #n <= 300 then texts[n] = b.text end
      local k, v = key_of(ustr.trim(b.text))
      if k and v and v ~= "" and not v:find("^/") then keys[k] = v end
    end
    local chain = {}
    for _, c in ipairs(b.classes or {}) do
      if b.kind ~= "heading" and c.bytes <= 240 then
        chain[#chain + 1] = c.sel
        local e = classes[c.sel]
        if not e then e = {n = 0, text = b.text}; classes[c.sel] = e end
        if not seen[c.key] then seen[c.key] = true; e.n = e.n + 1 end
        if e.text == "" then e.text = b.text end
      end
    end
    if #chain > 0 then chains[table.concat(chain, " ")] = true end
  end
  local chain_list = {}
  for c in pairs(chains) do chain_list[#chain_list + 1] = c end
  return {source = rec.source or "?", texts = texts, keys = keys, classes = classes, chains = chain_list}
end

-- Lua pattern matching TEXT literally, anchored.
local function literal(text)
  return "^" .. text:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0") .. "$"
end

local function quote(s) return string.format("%q", s) end

local function example(s)
  s = ustr.trim(s):gsub("%s+", " ")
  return ustr.truncate(s, 40)
end

-- The suggested profile for one source, as Lua source text (nil if no rule).
local function suggest(source, agg)
  local n = agg.posts
  local need = math.max(learn.min_posts, math.ceil(n * learn.share))
  local lines, drops = {}, {}
  -- repeated key：value lines with varying values
  local key_names = {}
  for k, e in pairs(agg.keys) do
    if e.n >= need and e.distinct >= 2 then key_names[#key_names + 1] = k end
  end
  table.sort(key_names, function(a, b) return agg.keys[a].n > agg.keys[b].n or (agg.keys[a].n == agg.keys[b].n and a < b) end)
  local covered = {}
  for _, k in ipairs(key_names) do
    local e = agg.keys[k]
    local field = FIELDS[k]
    local pat = literal(k):sub(1, -2) .. "%s*:%s*(.-)%s*$"
    lines[#lines + 1] = string.format("    -- \"%s：...\" in %d of %d posts, e.g. %s\n    {name = %s, %s, match = %s, max = 60},",
      k, e.n, n, quote(example(e.example)), quote(field or k),
      field and ("lift = " .. quote(field)) or "drop = true", quote(pat))
    covered[k] = true
  end
  -- repeated texts
  local texts = {}
  for t, e in pairs(agg.texts) do
    local k = key_of(t)
    if e.n >= need and not (k and covered[k]) and (utf8.len(t) or #t) >= 2 then texts[#texts + 1] = t end
  end
  table.sort(texts, function(a, b) return agg.texts[a].n > agg.texts[b].n or (agg.texts[a].n == agg.texts[b].n and a < b) end)
  for i, t in ipairs(texts) do
    local e = agg.texts[t]
    local pat = literal(t):gsub("0", "%%d+")
    lines[#lines + 1] = string.format("    -- in %d of %d posts\n    {name = %s, drop = %s},",
      e.n, n, quote("line" .. i), quote(pat))
  end
  -- classes: about once per post, short text; the outermost of a chain wins
  local sels = {}
  local cneed = math.max(learn.min_posts, math.ceil(n * learn.class_share))
  local ok = {}
  for sel, e in pairs(agg.classes) do
    if e.posts >= cneed and e.blocks <= e.posts * 1.5 then ok[sel] = true end
  end
  -- of nested classes that qualify, the outermost
  local picked = {}
  for chain in pairs(agg.chains) do
    local outer
    for sel in chain:gmatch("%S+") do if ok[sel] then outer = sel end end
    if outer then picked[outer] = true end
  end
  for sel in pairs(picked) do sels[#sels + 1] = sel end
  table.sort(sels, function(a, b) return agg.classes[a].posts > agg.classes[b].posts or (agg.classes[a].posts == agg.classes[b].posts and a < b) end)
  for _, sel in ipairs(sels) do
    local e = agg.classes[sel]
    drops[#drops + 1] = string.format("    -- %s in %d of %d posts, e.g. %s\n    {name = %s, select = %s},",
      sel, e.posts, n, quote(example(e.text)), quote(sel:match("([^%.]+)$")), quote(sel))
  end
  if #lines == 0 and #drops == 0 then return nil end
  local out = {
    string.format("--- Suggested profile for the source %s, learned by `quire clean --learn`", quote(source)),
    string.format("-- from %d posts. Review every rule, keep what is boilerplate, and save it", n),
    "-- as ~/.config/quire/lua/quire/profiles/NAME.lua (or in --lua-dir).",
    "return {",
    "  sources = {" .. quote(source) .. "},",
  }
  if #drops > 0 then
    out[#out + 1] = "  drop = {"
    for _, d in ipairs(drops) do out[#out + 1] = d end
    out[#out + 1] = "  },"
  end
  if #lines > 0 then
    out[#out + 1] = "  lines = {"
    for _, l in ipairs(lines) do out[#out + 1] = l end
    out[#out + 1] = "  },"
  end
  out[#out + 1] = "}"
  return table.concat(out, "\n") .. "\n"
end

--- Aggregates signatures per source.
function learn.aggregate(sigs)
  local by = {}
  for _, sig in ipairs(sigs) do
    local agg = by[sig.source]
    if not agg then
      agg = {posts = 0, texts = {}, keys = {}, classes = {}, chains = {}}
      by[sig.source] = agg
    end
    agg.posts = agg.posts + 1
    for t, orig in pairs(sig.texts) do
      local e = agg.texts[t] or {n = 0, example = orig}
      e.n = e.n + 1
      agg.texts[t] = e
    end
    for k, v in pairs(sig.keys) do
      local e = agg.keys[k] or {n = 0, values = {}, distinct = 0, example = k .. "：" .. v}
      e.n = e.n + 1
      if not e.values[v] then e.values[v] = true; e.distinct = e.distinct + 1 end
      agg.keys[k] = e
    end
    for _, chain in ipairs(sig.chains) do agg.chains[chain] = true end
    for sel, c in pairs(sig.classes) do
      local e = agg.classes[sel] or {posts = 0, blocks = 0, text = c.text}
      e.posts = e.posts + 1
      e.blocks = e.blocks + c.n
      agg.classes[sel] = e
    end
  end
  return by
end

--- Suggested profiles as {source = lua_text}, from the records of PATHS.
function learn.learn(paths, opts)
  local sigs = quire.map(paths, signature, opts or {})
  local by = learn.aggregate(sigs)
  local result = {}
  for source, agg in pairs(by) do
    if agg.posts >= learn.min_posts then result[source] = suggest(source, agg) end
  end
  return result
end

local function slug(source)
  local s = source:gsub("[^%w]+", "_"):gsub("^_+", ""):gsub("_+$", ""):lower()
  if s == "" then
    local h = 0
    for i = 1, #source do h = (h * 31 + source:byte(i)) % 0xFFFFFF end
    s = string.format("%06x", h)
  end
  return s
end

--- quire clean --learn: prints the suggestions, or writes them to -o DIR.
function learn.run(ctx)
  local result = learn.learn(nil)
  local sources = {}
  for s, text in pairs(result) do if text then sources[#sources + 1] = s end end
  table.sort(sources)
  local dir = ctx.opts.output
  if dir then
    local sys = require "quire.c.sys"
    assert(sys.mkdirs(dir))
    for _, s in ipairs(sources) do
      local path = dir .. "/learned_" .. slug(s) .. ".lua"
      local tmp = path .. ".tmp"
      local f = assert(io.open(tmp, "wb"))
      f:write(result[s])
      assert(f:close())
      assert(os.rename(tmp, path))
      io.stdout:write(path, "\n")
    end
  else
    for i, s in ipairs(sources) do
      if i > 1 then io.stdout:write("\n") end
      io.stdout:write(result[s])
    end
  end
  if #sources == 0 then io.stderr:write("quire: nothing repeats often enough to suggest a rule\n") end
  return 0
end

return learn
