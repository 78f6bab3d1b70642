-- quire.grammar: table-driven cases from real posts (tests/data/grammar/
-- cases.lua), the patterns one by one, find_all's offsets, and extract's
-- options and errors.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local lpeg = require "lpeg"
local quire = require "quire"
local g = quire.grammar

check.ok(g == require "quire.grammar", "quire.grammar is the module")

-- The corpus cases --------------------------------------------------------
local cases = dofile(os.getenv("QUIRE_TESTS") .. "/data/grammar/cases.lua")
local counted, negatives = 0, 0
for i, case in ipairs(cases) do
  local text, kind, want, ref = case[1], case[2], case[3], case[4]
  local found = g.extract(text, {kinds = {kind}, date = ref})
  local label = string.format("case %d (%s) %s", i, kind, text)
  if want == false then
    negatives = negatives + 1
    local texts = {}
    for _, m in ipairs(found) do texts[#texts + 1] = m.text end
    check.eq(#found, 0, label .. ": matched " .. table.concat(texts, " | "))
  else
    counted = counted + 1
    local m
    for _, x in ipairs(found) do
      if x.kind == kind and (want.text == nil or x.text == want.text) then m = x; break end
    end
    if check.ok(m, label .. ": no match" .. (want.text and (" " .. want.text) or "")) then
      for k, v in pairs(want) do
        check.eq(m[k], v, label .. ": " .. k)
      end
      -- the offsets say where the text is
      check.eq(text:sub(m.start, m.stop), m.text, label .. ": bytes")
      check.eq(quire.ustr.sub(text, m.cstart, m.cstop), m.text, label .. ": characters")
    end
  end
end
print(string.format("%d corpus cases (%d that must match, %d that must not)", #cases, counted, negatives))
check.ok(#cases >= 150, "at least 150 cases")

-- The searches try the grammars only where g.starter matches (and skip
-- runs of text where nothing starts): at every character of the cases,
-- a grammar that matches there must have a starter there.
do
  local missed = {}
  for _, case in ipairs(cases) do
    local text = case[1]
    for pos in text:gmatch("()[^\128-\191]") do
      for _, name in ipairs {"number", "date", "time", "money", "percent", "count", "attribution"} do
        if lpeg.match(g[name], text, pos) and not lpeg.match(g.starter, text, pos) then
          missed[#missed + 1] = name .. " at " .. text:sub(pos, pos + 11)
        end
      end
    end
  end
  check.eq(table.concat(missed, "; "), "", "a grammar matched where no starter is")
end

-- Patterns alone, with lpeg.match -----------------------------------------
check.eq(lpeg.match(g.cn_number, "十二万三千四百"), 123400)
check.eq(lpeg.match(g.cn_number, "一百零五"), 105)
check.eq(lpeg.match(g.cn_number, "三点五"), 3.5)
check.eq(lpeg.match(g.cn_number, "三四十"), nil, "no number")
check.eq(lpeg.match(g.cn_number, "十百"), nil, "no number")
check.eq(lpeg.match(g.number, "1.2万"), 12000)
check.eq(lpeg.match(g.number, "5"), 5)
check.eq(lpeg.match(g.multiplier, "千万"), 1e7)
check.eq(g.cn_value("五百万亿"), 5e14)
check.eq(g.cn_value("三亿五千万"), 3.5e8)
check.eq(g.cn_value("壹佰贰拾"), 120)
check.eq(g.cn_value("两亿五"), 2.5e8)
check.eq(lpeg.match(g.count, "38例").value, 38)
check.eq(lpeg.match(g.money, "4万元").unit, "CNY")
check.eq(lpeg.match(g.percent, "3.5%").value, 3.5)
local d = lpeg.match(g.date, "8月8日0-24时")
check.same({d.month, d.day, d.time, d.time_end}, {8, 8, "00:00", "24:00"})
check.eq(g.resolve_date(d, {year = 2021, month = 8, day = 9}).date, "2021-08-08")
check.eq(lpeg.match(g.attribution, "据新华社消息").source, "新华社")

-- Dates against the record's date -----------------------------------------
local function date_of(text, opts)
  local m = g.extract(text, setmetatable({kinds = "date"}, {__index = opts}))[1]
  return m and m.date, m and m.date_end
end
check.eq(date_of("12月30日", {date = "2022-01-05"}), "2021-12-30", "a week ahead is nearer than a year behind")
check.eq(date_of("1月3日", {date = "2021-12-30"}), "2022-01-03", "a week ahead stays ahead")
check.eq(date_of("28日", {date = "2022-03-02"}), "2022-02-28", "a day well ahead is last month's")
check.eq(date_of("昨天", {date = "2022-03-01"}), "2022-02-28", "昨天 over a month end")
check.eq(date_of("前天", {date = "2021-01-01"}), "2020-12-30")
check.eq(date_of("明天", {date = "2020-12-31"}), "2021-01-01")
check.eq(date_of("昨天", {}), nil, "昨天 without a record date")
check.eq(date_of("8月8日", {}), "--08-08")
check.eq(date_of("8日", {}), nil, "a day alone needs the record's month")
-- epoch seconds, in the archive's zone: 2021-08-08T20:00:00Z is the 9th in Shanghai
check.eq(date_of("昨天", {time = 1628452800}), "2021-08-08")
check.eq(date_of("昨天", {time = 1628452800, tz = "UTC"}), "2021-08-07")
check.eq(date_of("2月29日", {date = "2021-03-01"}), nil, "no 29 February in 2021")
check.eq(date_of("2月29日", {date = "2020-03-01"}), "2020-02-29")

-- find_all: offsets in bytes and characters, any pattern ------------------
do
  local text = "江苏新增38例，累计592例"
  local all = g.find_all(text, g.count)
  check.eq(#all, 2)
  check.same({all[1].start, all[1].stop, all[1].cstart, all[1].cstop, all[1].text, all[1].value},
    {13, 17, 5, 7, "38例", 38})
  check.same({all[2].cstart, all[2].cstop, all[2].text}, {11, 14, "592例"})
  -- any pattern: its captures come back as captures (and value when one)
  local words = g.find_all(text, lpeg.C(lpeg.P"新增" + lpeg.P"累计"))
  check.same({words[1].text, words[1].value, words[2].cstart}, {"新增", "新增", 9})
  local plain = g.find_all("a1b22", lpeg.R"09"^1)
  check.eq(#plain, 2, "a pattern not ours is tried at every character")
  check.same(plain[2].captures, {})
  -- a name of one of the grammars
  check.eq(#g.find_all("1.2万, 3千万", "number"), 2)
  -- invalid UTF-8 is stepped over byte by byte; offsets still add up
  local bad = "\255\254新增38例\192"
  local m = g.find_all(bad, g.count)[1]
  check.same({m.start, m.cstart, m.text}, {9, 5, "38例"})
end

-- extract: kinds and their spellings --------------------------------------
do
  local text = "8月8日，江苏新增本土确诊病例38例，同比增长3.5%，投资4万元，据新华社消息"
  local kinds = {}
  for _, m in ipairs(g.extract(text, {date = "2021-08-09"})) do kinds[#kinds + 1] = m.kind end
  check.eq(table.concat(kinds, " "), "date fact fact count percent money attribution")
  check.eq(#g.extract(text, {kinds = "dates"}), 1)
  check.eq(#g.extract(text, {only = "money,percent"}), 2)
  check.eq(#g.extract(text, {kinds = {money = true}}), 1)
  check.raises("unknown kind 'moneys' (known: date, time, money, percent, count, number, attribution, fact)",
    g.extract, text, {kinds = "moneys"})
  check.raises("text must be a string", g.extract, nil)
  -- a count inside a date is not a count; a number in money is not a number
  check.eq(#g.extract("2021年8月9日", {kinds = "count,number"}), 0)
  check.eq(#g.extract("4万元", {kinds = "number"}), 0)
end

check.done()
