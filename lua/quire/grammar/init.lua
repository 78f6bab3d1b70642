--- quire.grammar: LPeg grammars for the numbers, dates, money, percentages,
-- counts and attributions in Chinese news text, and a small layer of facts
-- built from them.
--
--   local g = require("quire").grammar
--   lpeg.match(g.cn_number, "十二万三千四百")     --> 123400
--   g.find_all(text, g.count)                     --> every count, with offsets
--   g.extract(text, {kinds = {"count", "date"}, time = rec.time})
--
-- Patterns (each also works alone with lpeg.match at the start of a string):
--   number, arabic, cn_number, multiplier, amount   (quire.grammar.number)
--   date, time                                      (quire.grammar.date)
--   money, percent, count, attribution              (their own files)
--
-- find_all(text, pattern) tries PATTERN at every character (never inside
-- one, so invalid UTF-8 is stepped over byte by byte) and returns every
-- match: {start =, stop = (bytes, 1-based, inclusive), cstart =, cstop =
-- (the same in characters), text =}, with the fields of the pattern's
-- table capture copied in, or its captures as `captures` (and `value`,
-- the first). After a match the search goes on after it. For the patterns
-- here, where nothing matches it skips a whole word of Latin letters and
-- digits (so "F1" or "1.8.5" yield no "1") and what only looks like a
-- number (URLs, phone numbers); any other pattern is tried at every
-- character. PATTERN may also name one of the patterns ("count").
--
-- extract(text, opts) scans once with all the grammars, longest kinds
-- first, so a date is not also a count and a count not also a number:
--   opts.kinds   list or set of kinds, or a string ("count" or
--                "money,percent"); default all of: date, time, money,
--                percent, count, number, attribution, fact. Plurals and
--                "dates"/"numbers"/"counts"/"quotes" are accepted.
--   opts.date / opts.time / opts.tz   the record's date, for dates that
--                leave out the year or say 昨天 (see quire.grammar.date)
-- Each result: {kind =, value =, unit =, date =, text =, start =, stop =,
-- cstart =, cstop =} plus what the kind adds (value_end, date_end, change,
-- basis, approx, ordinal, per, currency, type, source, ...).
--
-- Bare numbers leave out what is not an amount: years alone (2021, 2021年),
-- phone numbers and other digit runs of 11 or more, version numbers
-- (1.8.5), numbers in URLs and glued to Latin letters (5G, F1, 16GB), and
-- single Chinese numerals without a unit (一, 三).

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local date = require "quire.grammar.date"
local money = require "quire.grammar.money"
local percent = require "quire.grammar.percent"
local count = require "quire.grammar.count"
local attribution = require "quire.grammar.attribution"
local facts = require "quire.grammar.facts"

local P, R, C, Cc, Cp, Ct, Cmt = lpeg.P, lpeg.R, lpeg.C, lpeg.Cc, lpeg.Cp, lpeg.Ct, lpeg.Cmt

local grammar = {}

grammar.number = n.number
grammar.arabic = n.arabic_mixed
grammar.cn_number = n.cn
grammar.multiplier = n.multiplier
grammar.amount = n.amount
grammar.date = date.date
grammar.time = date.time
grammar.money = money.money
grammar.percent = percent.percent
grammar.count = count.count
grammar.attribution = attribution.attribution
grammar.char = n.char
grammar.cn_value = n.cn_value
grammar.resolve_date = date.resolve
grammar.reference_date = date.reference

local D = n.digit
-- a word: n.wordchar^1 * (S".-_/" * n.wordchar^1)^0, written so that
-- LPeg spans the ASCII runs
local wordchars = (R("az", "AZ", "09") + lpeg.S"_")^1 + n.digit
local word = wordchars^1 * (lpeg.S".-_/" * wordchars^1)^0

-- What looks like a number but is not an amount; skipped whole.
local url = (P"http" * P"s"^-1 * P"://" + P"www.") * R"!~"^1
local long_run = D^11 * (P"." * D^1)^-1                     -- phones, ids
local phone = P"+"^-1 * (P"0" * D * D * D^-1 * (P"-" + P"－") * D^7 * D^-1
  + P"400" * P"-" * D * D * D * P"-" * D * D * D * D) * -D
local version = D^1 * P"." * D^1 * (P"." * D^1)^1
local vague = (P"几" + P"数" + P"上" + P"成") * n.cn_unit^1 + n.cn_unit^1 * P"几"
-- names with date words inside (光明日报 is no 明日)
local names = P"光明日报" + P"今日头条" + P"明日之后" + P"明日方舟" + P"今日俄罗斯" + P"昨日重现"
local noise = url + phone + long_run + version + vague + count.half_year + names + n.cn_overlong

local units = {"十", "百", "千", "万", "亿", "拾", "佰", "仟", "萬", "億"}
--- A bare number that is an amount (see the module comment).
grammar.bare_number = Cmt(C(n.number), function(_, pos, text, v)
  if not text:find("^[%d\239]") then
    -- Chinese: a single numeral without a unit is a word (一, 三), not an amount
    local structured = #text > 3 and (text:find("〇", 1, true) or text:find("零", 1, true))
    for _, unit in ipairs(units) do structured = structured or text:find(unit, 1, true) end
    if not structured then return false end
  elseif n.is_year(v) and text:find("^%d%d%d%d$") then
    return false
  end
  return pos, {kind = "number", value = v}
end)

-- The scan reads a number once and decides its kind by what follows it
-- (元 money, % percent, 例 count, nothing a bare number); trying each
-- grammar in turn would read it once per grammar. Forms that start before
-- the number (dates, ¥100, 同比增长 3%, 百分之五, 第 3 位, 半小时, 8 点) come first.
local after = money.after * Cc("money") + money.after_kuai * Cc("kuai")
  + percent.after * Cc("percent") + count.after * Cc("count")
local function decide(subject, pos, start, a, stop, fields, kind)
  if kind then
    fields.amount = a
    if kind == "money" then return pos, money.build(fields) end
    if kind == "kuai" then
      if a.arabic then return pos, money.build(fields) end
    elseif kind == "percent" then
      return pos, percent.build(fields)
    elseif count.valid(fields) and not lpeg.match(count.idioms, subject, start) then
      return pos, count.build(fields)
    end
  end
  return false  -- maybe a bare number: the last alternative below
end
local quantity = date.date + money.prefixed + percent.led + count.led + date.time
  + Cmt(Cp() * n.amount * Cp() * (after + Cc(nil, nil)), decide) + grammar.bare_number

-- Where a match can start. A search tries its grammar only where one of
-- these starts (digits, numerals, or the first two characters of a word
-- that leads a match: 同比, 上午, 新华社, 据 ...), and skips every other run
-- of Han characters in one step: that is most of the speed on Chinese
-- text. Each grammar module lists the words its matches can start with
-- (`first`); the noise below adds its own. A word missing here would be a
-- match missed: tests/lua/grammar_test.lua checks, at every position of
-- the cases, that no grammar matches where no starter does.
local starter_words = {"上半", "下半", "光明", "今日", "明日", "昨日", "http", "www.", "+"}
for _, w in ipairs {"几", "数", "上", "成"} do
  for _, u in ipairs(n.cn_unit_list) do starter_words[#starter_words + 1] = w .. u end
end
for _, mod in ipairs {date, money, percent, count, attribution} do
  for _, w in ipairs(mod.first) do starter_words[#starter_words + 1] = w end
end
do
  local seen, list = {}, {}
  for _, w in ipairs(starter_words) do
    if not seen[w] then seen[w] = true; list[#list + 1] = w end
  end
  starter_words = list
end
grammar.starter_words = starter_words
local starter = n.digit + n.cn_digit + n.cn_unit + n.trie(starter_words)
grammar.starter = starter
-- Runs of characters where nothing starts: no starter, no noise, no
-- word (ASCII letters, digits and _ start a word, skipped whole).
local quiet_run
do
  local list = {}
  for _, t in ipairs {n.cn_digit_list, n.cn_unit_list, starter_words} do
    for _, w in ipairs(t) do list[#list + 1] = w end
  end
  for c in ("0123456789_+$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"):gmatch(".") do
    list[#list + 1] = c
  end
  for d = 0, 9 do list[#list + 1] = "\239\188" .. string.char(144 + d) end
  -- a word that starts with a letter (or _) that starts nothing: skipped
  -- whole, as the search below would
  local tails, inert, head = {}, {}, P(false)
  for _, w in ipairs(starter_words) do
    local c = w:sub(1, 1)
    if c:find("^[%a_]$") then
      tails[c] = tails[c] or {}
      table.insert(tails[c], w:sub(2))
    end
  end
  for c in ("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"):gmatch(".") do
    if tails[c] then head = head + P(c) * -n.trie(tails[c]) else inert[#inert + 1] = c end
  end
  quiet_run = (n.other_char(list) + #(lpeg.S(table.concat(inert)) + head) * word)^1
end
-- where a match can start at all (a cheap test before the grammars)
local quick = #starter

local bad_month
-- A search: every match of P in a text, in one lpeg.match(search, text, 1,
-- hits) that appends {start, captures..., after} to HITS (a Cmt that
-- returns no values, so LPeg keeps no captures between matches and P is
-- tried once at each position). Noise, words and quiet runs of Han are
-- skipped whole.
local function searcher(p)
  local hit = Cmt(lpeg.Carg(1) * Cp() * p * Cp(), function(_, pos, hits, ...)
    hits[#hits + 1] = {...}
    return pos
  end)
  return (quiet_run + noise + bad_month + quick * hit + word + n.char)^0
end

-- All hits of SEARCH (a searcher) in TEXT.
local function scan(search, text)
  local hits = {}
  lpeg.match(search, text, 1, hits)
  return hits
end

-- A search for a pattern not ours: P at every character, no noise, no
-- words; one lpeg.match per match, which captures {start, captures...,
-- after}.
local function plain_searcher(p)
  return (-p * n.char)^0 * Ct(Cp() * p * Cp())
end

-- All hits of SEARCH (a plain searcher) in TEXT.
local function plain_scan(search, text)
  local hits, pos = {}, 1
  while pos <= #text do
    local h = lpeg.match(search, text, pos)
    if not h then break end
    hits[#hits + 1] = h
    local after = h[#h]
    if after <= h[1] then after = h[1] + #(lpeg.match(lpeg.C(n.char), text, h[1]) or "x") end
    pos = after
  end
  return hits
end

local ours = {}
-- a month or day that cannot be (13月5日, 2月30日): skipped whole, so that
-- 13 is no number and 5日 no date
local longest = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
bad_month = Cmt(C(n.ascii_digit^1) * n.sp * P"月" * (n.sp * C(n.ascii_digit^1) * n.sp * (P"日" + P"号"))^-1,
  function(_, pos, mtext, dtext)
    local m, d = tonumber(mtext), dtext and tonumber(dtext)
    if m < 1 or m > 12 or (d and (d < 1 or d > longest[m])) then return pos end
    return false
  end)

local cache = setmetatable({}, {__mode = "k"})

local utf8_len = utf8.len

-- Characters (code points, or stray bytes) in text[i..j]: bytes that are
-- not UTF-8 continuation bytes. (utf8.len counts the same where the text
-- is valid UTF-8, without a copy; elsewhere it fails.)
local function chars_between(text, i, j)
  if j < i then return 0 end
  local len = utf8_len(text, i, j)
  if len then return len end
  local _, cont = text:sub(i, j):gsub("[\128-\191]", "")
  return j - i + 1 - cont
end

-- Turns raw hits {start, capture..., stop_after} into match tables with
-- byte and character offsets (counted incrementally: linear overall).
-- OWN: the hits come from our grammars, whose table captures are made
-- fresh for each match and become the match tables themselves (a
-- pattern not ours may capture one table twice: copied).
local function shape(text, hits, own)
  local out = {}
  local cpos, cchars = 1, 0   -- characters before byte cpos
  for _, h in ipairs(hits) do
    local s, e = h[1], h[#h] - 1
    if e >= s then
      cchars = cchars + chars_between(text, cpos, s - 1)
      cpos = s
      local m
      local cap = h[2]
      if #h == 3 and type(cap) == "table" then
        if own then
          m = cap
        else
          m = {}
          for k, v in pairs(cap) do m[k] = v end
        end
      else
        m = {captures = table.move(h, 2, #h - 1, 1, {})}
        if #h == 3 then m.value = cap end
      end
      m.start, m.stop, m.text = s, e, text:sub(s, e)
      m.cstart = cchars + 1
      local len = chars_between(text, s, e)
      m.cstop = cchars + len
      cchars, cpos = cchars + len, e + 1
      out[#out + 1] = m
    end
  end
  return out
end

--- Every match of PATTERN in TEXT (see the module comment).
function grammar.find_all(text, pattern)
  assert(type(text) == "string", "quire.grammar.find_all: text must be a string")
  if type(pattern) == "string" then pattern = grammar[pattern] or P(pattern) end
  local s = cache[pattern]
  if not s then
    s = ours[pattern] and searcher(pattern) or plain_searcher(lpeg.P(pattern))
    cache[pattern] = s
  end
  if ours[pattern] then return shape(text, scan(s, text), true) end
  return shape(text, plain_scan(s, text))
end

-- Kind names as users write them.
local aliases = {
  dates = "date", numbers = "number", counts = "count", times = "time",
  percents = "percent", percentage = "percent", percentages = "percent",
  quotes = "attribution", attributions = "attribution", sources = "attribution",
  facts = "fact",
}
grammar.kinds = {"date", "time", "money", "percent", "count", "number", "attribution", "fact"}

local function kind_set(kinds)
  local set = {}
  if kinds == nil then
    for _, k in ipairs(grammar.kinds) do set[k] = true end
    return set
  end
  if type(kinds) == "string" then
    local list = {}
    for k in kinds:gmatch("[^,%s]+") do list[#list + 1] = k end
    kinds = list
  end
  for key, v in pairs(kinds) do
    local k = type(key) == "number" and v or (v and key)
    if k then
      k = aliases[k] or k
      local known = false
      for _, name in ipairs(grammar.kinds) do known = known or name == k end
      if not known then
        error(string.format("quire.grammar.extract: unknown kind '%s' (known: %s)", k,
          table.concat(grammar.kinds, ", ")), 3)
      end
      set[k] = true
    end
  end
  return set
end
grammar.kind_set = kind_set

for _, name in ipairs {"number", "arabic", "cn_number", "amount", "date", "time", "money",
  "percent", "count", "attribution", "bare_number"} do
  ours[grammar[name]] = true
end

local quantity_search = searcher(quantity)
local attribution_search = searcher(attribution.attribution)

local function tidy(m)
  m.value = n.tidy(m.value)
  m.value_end = n.tidy(m.value_end)
  return m
end

local function by_position(a, b)
  if a.start ~= b.start then return a.start < b.start end
  return a.stop > b.stop
end

--- All matches of the kinds asked for, in text order (see the module comment).
function grammar.extract(text, opts)
  assert(type(text) == "string", "quire.grammar.extract: text must be a string")
  opts = opts or {}
  local want = kind_set(opts.kinds or opts.only)
  local ref = date.reference(opts)
  local out, lists = {}, 0
  local quantities
  if want.date or want.time or want.money or want.percent or want.count or want.number
      or want.fact then
    local hits = scan(quantity_search, text)
    if not want.fact then
      -- only the kinds asked for need shaping (facts need them all)
      local keep = {}
      for _, h in ipairs(hits) do
        if want[h[2].kind] then keep[#keep + 1] = h end
      end
      hits = keep
    end
    quantities = shape(text, hits, true)
    for _, m in ipairs(quantities) do
      if m.kind == "date" then date.resolve(m, ref) end
      tidy(m)
    end
    for _, m in ipairs(quantities) do
      if want[m.kind] then out[#out + 1] = m end
    end
    if #out > 0 then lists = lists + 1 end
  end
  if want.attribution then
    lists = lists + 1
    for _, m in ipairs(shape(text, scan(attribution_search, text), true)) do
      -- the attribution's date match, resolved: its ISO date is m.date
      -- (the match table itself is no field a user or a writer wants)
      if m.when then date.resolve(m.when, ref); m.date = m.when.date; m.when = nil end
      out[#out + 1] = m
    end
  end
  if want.fact then
    lists = lists + 2  -- (facts may tie on start: always sorted)
    local found = facts.find(text, quantities)
    local cpos, cchars = 1, 0
    for _, f in ipairs(found) do  -- facts come in text order
      cchars = cchars + chars_between(text, cpos, f.start - 1)
      cpos = f.start
      f.cstart = cchars + 1
      f.cstop = cchars + chars_between(text, f.start, f.stop)
      f.value = n.tidy(f.value)
      out[#out + 1] = f
    end
  end
  -- (one list alone is in order already: matches of one search do not
  -- overlap)
  if lists > 1 then table.sort(out, by_position) end
  return out
end

return grammar
