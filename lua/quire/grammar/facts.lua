--- quire.grammar.facts: a small rule layer that combines counts,
-- percentages, money and dates into facts.
--   <place>新增<thing><count>        江苏新增本土确诊病例38例
--   <place>无新增<thing>             上海市无新增本土新冠肺炎确诊病例 (value 0)
--   <place>累计<verb><thing><count>  全省累计报告本土确诊病例592例
--     and its breakdown in brackets: （南京市231例，淮安市12例，…）
--   <thing>同比增长<percent>         商品房销售面积…，同比下降20.9%
--     (the thing may end the clause before: 住宅投资29527亿元，下降2.1%)
-- Each fact: {kind = "fact", subject =, measure =, value =, unit =,
-- when = ISO date (the last date before it in its sentence), when_end =,
-- where =, text =, start =, stop =}.
--
-- Clauses end at ，。；！？ and line ends; sentences at 。！？ and line
-- ends. Everything is one pass over the text and the matches.

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local P, Cp, Cc, Ct = lpeg.P, lpeg.Cp, lpeg.Cc, lpeg.Ct

local M = {}

local sentence_end = P"。" + P"！" + P"？" + P"\n" + P"!" + P"?"
local clause_end = sentence_end + P"，" + P"；" + P"," + P";"
-- {position after the separator, is it a sentence end}
-- (bytes that start no separator are spanned, not stepped over one
-- character at a time: E3 and EF lead 。，；！？, and no lead or ASCII
-- byte is ever inside another character)
local plain = (1 - lpeg.S"\n!?,;\227\239")^1
local separators = Ct((plain + Ct((sentence_end * Cc(true) + clause_end * Cc(false)) * Cp()) / function(t) return {t[2], t[1]} end + n.char)^0)

local function trim(s)
  s = s:gsub("^[%s\194\160]+", ""):gsub("[%s]+$", "")
  s = s:gsub("^\227\128\128+", ""):gsub("\227\128\128+$", "")
  return s
end

-- Leading punctuation and brackets off a place or subject.
local function clean(s)
  s = trim(s)
  for _, p in ipairs {"（", "(", "“", "”", "：", "、", "其中", "另有"} do
    while s:sub(1, #p) == p do s = trim(s:sub(#p + 1)) end
  end
  return s
end

-- Words that say how much, not what: off the end of a subject.
local function strip_tail(s)
  for _ = 1, 3 do
    local cut = false
    for _, w in ipairs {"约为", "达到", "超过", "约", "近", "达", "为", "超", "共", "逾", "已", "均", "还"} do
      if s:sub(-#w) == w then s = s:sub(1, -#w - 1); cut = true; break end
    end
    if not cut then break end
  end
  return s
end

-- A place: the last word of what comes before a trigger (after any space).
local function place(s)
  s = clean(strip_tail(s))
  s = s:gsub("^.*[ \t]", ""):gsub("^.*\227\128\128", "")
  return s
end

-- The last at most MAX characters of S.
local function tail_chars(s, max)
  local starts = {}
  for pos in s:gmatch("()[^\128-\191]") do starts[#starts + 1] = pos end
  if #starts <= max then return s end
  return s:sub(starts[#starts - max + 1])
end

local cumulative_verbs = {"报告", "出院", "治愈出院", "治愈", "确诊", "死亡", "挽回", "接种",
  "完成", "发放", "实现", "检测", "排查", "发现", "销售"}
table.sort(cumulative_verbs, function(a, b) return #a > #b end)
local changes = {}
do
  local percent = require "quire.grammar.percent"
  for _, w in ipairs(percent.up) do changes[#changes + 1] = w end
  for _, w in ipairs(percent.down) do changes[#changes + 1] = w end
  table.sort(changes, function(a, b) return #a > #b end)
end

-- The thing counted after a number (新增3例境外输入确诊病例): up to 和, 、
-- or the end of the clause, at most 20 characters.
local stop_after = P"和" + P"、" + P"及" + P"，" + P"。" + P"；" + P"（" + P"(" + P"\n" + P"," + P";"
local thing_after = lpeg.C((n.char - stop_after)^-20)

-- The subject of a 新增 or 累计 fact: what comes between the trigger and
-- the number; when that holds an earlier count (…8例和无症状感染者11例),
-- the part after its last 和 or 、; when nothing is left, what follows the
-- number (新增3例境外输入确诊病例).
local function thing(text, between, m)
  local s = between
  if s:find("%d") then
    local last
    for _, sep in ipairs {"和", "、", "及"} do
      local from = 1
      while true do
        local a, b = s:find(sep, from, true)
        if not a then break end
        if not last or b > last then last = b end
        from = b + 1
      end
    end
    s = last and s:sub(last + 1) or ""
  end
  s = clean(strip_tail(s))
  if s == "" then s = clean(lpeg.match(thing_after, text, m.stop + 1) or "") end
  return s
end

-- Text of the clause up to the first quantity in it: the subject of a
-- change stated in the next clause.
local function clause_subject(text, cstart, first)
  local s = strip_tail(text:sub(cstart, first - 1))
  for _, w in ipairs {"同比", "环比"} do
    local at = s:find(w, 1, true)
    if at then s = s:sub(1, at - 1) end
  end
  return clean(s)
end

-- A fact looks back at most this many bytes: its clause, or the end of a
-- long one, so a text without punctuation costs linear time.
local REACH = 240

-- The start of TEXT[from..to]'s last REACH bytes, on a character boundary.
local function window(text, from, to)
  local start = math.max(from, to - REACH)
  while start < to and text:byte(start) and text:byte(start) >= 0x80 and text:byte(start) < 0xC0 do
    start = start + 1
  end
  return start
end

-- Byte position of the last opening bracket in S that no closing one
-- follows, or nil.
local function last_open(s)
  local at, pos = nil, 1
  while true do
    local a = s:find("（", pos, true)
    local b = s:find("(", pos, true)
    local nxt = (a and b) and math.min(a, b) or a or b
    if not nxt then break end
    at, pos = nxt, nxt + 1
  end
  if not at then return nil end
  local rest = s:sub(at)
  if rest:find("）", 1, true) or rest:find(")", 1, true) then return nil end
  return at
end

--- Facts in TEXT, given the matches of one quantity scan (quire.grammar
-- extract's, dates resolved). Returns them in text order.
function M.find(text, matches)
  local seps = lpeg.match(separators, text)
  local out = {}
  local si = 1             -- next separator
  local clause, sentence = 1, 1
  local last_date, parent = nil, nil
  local date_stop = 1      -- after the last date seen
  local prev_clause = {start = 1, first = nil}  -- the clause before, for 同比
  local cur_first = nil    -- first quantity in the current clause
  local function advance(pos)
    while seps[si] and seps[si][1] <= pos do
      local after, is_sentence = seps[si][1], seps[si][2]
      prev_clause = {start = math.max(clause, date_stop), first = cur_first}
      cur_first = nil
      clause = after
      if is_sentence then sentence = after; last_date = nil; parent = nil end
      si = si + 1
    end
  end

  local function emit(f)
    f.kind = "fact"
    if last_date then f.when, f.when_end = last_date.date, last_date.date_end end
    f.text = text:sub(f.start, f.stop)
    out[#out + 1] = f
    return f
  end

  -- 无新增: facts without a number, found by a plain search
  local zero = {}
  do
    local from = 1
    while true do
      local a, b = text:find("无新增", from, true)
      if not a then break end
      zero[#zero + 1] = {a, b}
      from = b + 1
    end
  end
  local zi = 1
  -- the fact of one 无新增 at bytes a..b: the thing is the rest of its clause
  local function zero_fact(a, b)
    advance(a)
    local stop = math.min((seps[si] and seps[si][1] or #text + 1) - 1, b + REACH)
    while stop > b and (text:byte(stop + 1) or 0) >= 0x80 and (text:byte(stop + 1) or 0) < 0xC0 do stop = stop - 1 end
    local rest = text:sub(b + 1, stop):gsub("[，。；！？\n,;!?]+$", "")
    if rest == "" then return end
    local from = window(text, clause, a)
    local where = place(tail_chars(text:sub(from, a - 1), 10))
    local start = a
    if where ~= "" then start = from + text:sub(from, a - 1):find(where, 1, true) - 1 end
    emit {subject = clean(rest), measure = "新增", value = 0, where = where ~= "" and where or nil,
      start = start, stop = b + #rest}
  end

  for _, m in ipairs(matches) do
    while zero[zi] and zero[zi][1] < m.start do
      zero_fact(zero[zi][1], zero[zi][2])
      zi = zi + 1
    end
    advance(m.start)
    if m.kind == "date" then
      last_date = m
      date_stop = m.stop + 1
    elseif m.kind == "count" or m.kind == "percent" or m.kind == "money" or m.kind == "number" then
      local from = window(text, clause, m.start)
      local before = text:sub(from, m.start - 1)
      -- inside an open bracket: only what follows it counts (（南京市231例）
      local open = last_open(before)
      local bracketed = open ~= nil
      if not open and parent then
        -- a later item of a breakdown: （南京市231例，淮安市12例
        local between = text:sub(parent.stop + 1, m.start - 1)
        bracketed = #between < REACH and between:find("（", 1, true) ~= nil
          and not between:find("）", 1, true)
      end
      if open then
        local skip = before:sub(open, open) == "(" and 1 or 3
        from = clause + open - 1 + skip
        before = before:sub(open + skip)
      end
      local fact
      local a, b = before:find("新增", 1, true)
      local c, d = before:find("累计", 1, true)
      if bracketed then
        a, c = nil, nil
      end
      if a and not before:find("无新增", 1, true) and m.kind ~= "percent" then
        local where = place(tail_chars(before:sub(1, a - 1), 10))
        fact = emit {subject = thing(text, before:sub(b + 1), m), measure = "新增", value = m.value,
          unit = m.unit, where = where ~= "" and where or nil,
          start = from + (where ~= "" and before:find(where, 1, true) - 1 or a - 1), stop = m.stop}
      elseif c and m.kind ~= "percent" then
        local rest = before:sub(d + 1)
        local verb = ""
        for _, v in ipairs(cumulative_verbs) do
          if rest:sub(1, #v) == v then verb = v; break end
        end
        local where = place(tail_chars(before:sub(1, c - 1), 10))
        fact = emit {subject = thing(text, rest:sub(#verb + 1), m), measure = "累计" .. verb, value = m.value,
          unit = m.unit, where = where ~= "" and where or nil,
          start = from + (where ~= "" and before:find(where, 1, true) - 1 or c - 1), stop = m.stop}
      elseif m.kind == "percent" and m.change then
        -- the subject: this clause before the change, else the clause before
        local subject = clean(tail_chars(before, 20))
        local start = subject ~= "" and from + before:find(subject, 1, true) - 1
        if subject == "" and prev_clause.first then
          local pstart = window(text, prev_clause.start, prev_clause.first)
          subject = clause_subject(text, pstart, prev_clause.first)
          start = subject ~= "" and text:find(subject, pstart, true)
        end
        if subject ~= "" then
          local word = m.text:match("^[^%d]*")
          local measure = m.basis or ""
          for _, w in ipairs(changes) do
            if word:find(w, 1, true) then measure = measure .. w; break end
          end
          fact = emit {subject = subject, measure = measure, value = m.value, unit = m.unit,
            start = start, stop = m.stop}
        end
      elseif bracketed and parent and m.kind == "count" and m.unit == parent.unit then
        -- the breakdown in brackets after a fact: （南京市231例，淮安市12例）
        local between = text:sub(parent.stop + 1, m.start - 1)
        if between:find("（", 1, true) and not between:find("）", 1, true) then
          local where = clean(before)
          if where ~= "" and #where <= 30 and not where:find("%d") then
            emit {subject = parent.subject, measure = parent.measure, value = m.value,
              unit = m.unit, where = where, start = m.start - #where, stop = m.stop, part_of = parent.where}
          end
        end
      end
      if fact then parent = fact end
      if not cur_first then cur_first = m.start end
    end
  end
  while zero[zi] do
    zero_fact(zero[zi][1], zero[zi][2])
    zi = zi + 1
  end
  table.sort(out, function(x, y) return x.start < y.start end)
  return out
end

return M
