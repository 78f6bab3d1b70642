--- quire.grammar.date: dates and times as written in Chinese news.
--
-- The pattern `date` captures one table:
--   {kind = "date", year =, month =, day =, rel =, ["end"] = {...},
--    time =, time_end =, part =}
-- with what the text says (year may be missing: 8月8日; rel is a day
-- offset for 昨天/今天/前天, or a year offset for 去年 12 月). `resolve`
-- turns it into ISO dates against the record's date:
--   2021年8月9日 -> 2021-08-09; 8月8日 -> the year (the record's, the one
--   before or after) that puts it nearest the record's date, a day ahead
--   counting as much as two behind;
--   8日 -> the record's month (or the month before when more than a week
--   ahead); 昨天 -> the day before the record; 7月20日至今 -> a range to
--   the record's date; 1—4月份 -> 2022-01 .. 2022-04.
-- Without a record date, a date with no year reads "--08-08" (ISO 8601's
-- form for a month and day) and relative dates have no ISO date.
--
-- `time` captures a time of day on its own: 上午 8 点 10 分, 10:00, 10-11点:
--   {kind = "time", time = "08:10", time_end =, part =}

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local P, R, C, Cc, Cg, Ct, Cmt = lpeg.P, lpeg.R, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct, lpeg.Cmt

local M = {}

local D = n.ascii_digit
local sp = n.sp
local notdigit = -n.digit

local function num(p) return C(p) / tonumber end

-- The ranges below are patterns, not checks in Lua after the match: a
-- scan tries them at every digit, and a call into Lua there cost more
-- than all the rest. Each accepts what "one or two digits (as many as
-- there are), then no digit, with a value in the range" would.

-- one digit, ASCII or full-width, in the range of the string of digits R
local fw = P"\239\188" * R"\144\153"
local function dr(r)
  return R(r) + P"\239\188" * R(string.char(r:byte(1) + 96, r:byte(2) + 96))
end
local function value(t) return tonumber(n.ascii(t)) end

-- 1..31 and 1..12 as written: "8", "08", full-width "８"
-- (two digits first: a choice that matched is not tried again when
-- notdigit fails after it)
local d12 = C((dr"00" * dr"19" + dr"11" * dr"02" + dr"19") * notdigit) / value
local d31 = C((dr"00" * dr"19" + dr"12" * dr"09" + dr"33" * dr"01" + dr"19") * notdigit) / value
local cn_month = C(P"十" * (P"一" + P"二")^-1 + (n.cn_digit - P"〇" - P"零")) / n.cn_value
-- 1800..2099
local year4 = num((P"18" + P"19" + P"20") * D * D) * notdigit

local month = d12 + cn_month
local ri = P"日" + P"号"
local yue = P"月份" + P"月"
local dash = P"-" + P"—" + P"–" + P"―" + P"~" + P"～" + P"－" + P"至" + P"到"

-- Parts of the day; longest first.
local parts = {"凌晨", "早上", "早晨", "清晨", "上午", "中午", "午间", "下午", "傍晚", "晚上", "晚间", "夜间", "深夜", "夜里"}
local part = P(false)
for _, w in ipairs(parts) do part = part + P(w) end

-- 0..24 and 0..59, one or two ASCII digits
local hour = num((R"01" * D + P"2" * R"04" + D) * notdigit)
local minute = num((R"05" * D + D) * notdigit)
local shi = P"时" + P"点"
local function hh(h) return string.format("%02d:00", h) end
local function hhmm(t) return string.format("%02d:%02d", t.h, t.m or 0) end
-- 8 点 10 分, 8时半, 10:00
local clock = Ct(Cg(hour, "h") * sp * shi * (sp * (Cg(minute, "m") * sp * P"分" + P"半" * Cg(Cc(30), "m")))^-1) / hhmm
  + Ct(Cg(hour, "h") * P":" * Cg(num(D * D), "m") * (P":" * D * D)^-1 * notdigit) / hhmm
-- 0-24时, 10-11点, 0时至24时
local hours_range = Cg(hour / hh, "time") * sp * shi^-1 * sp * dash * sp * Cg(hour / hh, "time_end") * sp * shi
local times = hours_range + Cg(clock, "time")
-- what may follow a date: a part of the day and a time (上午, 0-24时, 下午 3 点)
local time_suffix = (sp * Cg(C(part), "part"))^-1 * (sp * times)^-1

-- Full dates ---------------------------------------------------------------

local y = Cg(year4, "year")
local m = Cg(month, "month")
local d = Cg(d31, "day")

local ymd = y * sp * P"年" * sp * m * sp * yue * (sp * d * sp * ri)^-1
  + y * P"-" * m * P"-" * d * notdigit
  + y * P"/" * m * P"/" * d * notdigit
  + y * P"." * m * P"." * d * -(P"." * D) * notdigit
local rel_year = P(false)
for _, w in ipairs {"今年", "去年", "前年", "明年"} do
  rel_year = rel_year + P(w) * Cc(({["今年"] = 0, ["去年"] = -1, ["前年"] = -2, ["明年"] = 1})[w])
end
local rel_day = P(false)
local rel_days = {["今天"] = 0, ["今日"] = 0, ["昨天"] = -1, ["昨日"] = -1, ["前天"] = -2,
  ["明天"] = 1, ["明日"] = 1, ["后天"] = 2}
for _, w in ipairs {"今天", "今日", "昨天", "昨日", "前天", "明天", "明日", "后天"} do
  rel_day = rel_day + P(w) * Cc(rel_days[w])
end
local yrel_md = Cg(rel_year, "rel_year") * sp * m * sp * yue * (sp * d * sp * ri)^-1
local md = m * sp * yue * sp * d * sp * ri
local month_only = m * sp * yue
local day_only = d * sp * P"日"

-- the end of a range: a full date, a month and day, a day, or 至今
local range_end = Ct((ymd + yrel_md + md + d * sp * ri + m * sp * yue) * time_suffix)
local range_tail = sp * (P"至今" * Cg(Cc(true), "until_now") + dash * sp * Cg(range_end, "end"))

-- 1—4月份: a range of months
local month_range = m * sp * P"月"^-1 * sp * dash * sp * Cg(Ct(m), "end") * sp * yue

local body = ymd + yrel_md + md + Cg(rel_day, "rel") + month_only + day_only

local longest = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
local function possible(t)
  return not (t.month and t.day and t.day > longest[t.month])
end

--- A date or range of dates (see the module comment).
M.date = Cmt(Ct(Cg(Cc("date"), "kind") * (month_range + body * time_suffix * range_tail^-1)),
  function(_, pos, t)
    return possible(t) and (t["end"] == nil or possible(t["end"])) and pos, t
  end)

--- Words a date or time can start with, besides digits and numerals (for
-- the searches in quire.grammar).
M.first = {"今年", "去年", "前年", "明年", "今天", "今日", "昨天", "昨日", "前天", "明天", "明日", "后天"}
for _, w in ipairs(parts) do M.first[#M.first + 1] = w end

--- A time of day on its own: 上午 8 点, 10:00, 晚上10-11点.
M.time = Ct(Cg(Cc("time"), "kind") * (Cg(C(part), "part") * sp)^-1 * times)

-- Resolution --------------------------------------------------------------

-- Calendar arithmetic without os.time (mktime looks up the zone on every
-- call, which made dates the slowest part of a scan): days since
-- 1970-01-01 and back, proleptic Gregorian (H. Hinnant's algorithms).
local function ord(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * (m > 2 and m - 3 or m + 9) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function civil(z)
  z = z + 719468
  local era = z // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return m <= 2 and y + 1 or y, m, d
end

local function days_in(year, month)
  if month == 12 then return 31 end
  return ord(year, month + 1, 1) - ord(year, month, 1)
end

local function iso(y, m, d)
  if d then return string.format("%04d-%02d-%02d", y, m, d) end
  return string.format("%04d-%02d", y, m)
end

local function shift(ref, days)
  local y, m, d = civil(ord(ref.year, ref.month, ref.day) + days)
  return {year = y, month = m, day = d}
end


-- One end of a date: y/m/d from the text, the record's date for what is
-- missing. LAST is the start of a range, whose year and month an end
-- without them shares. Returns y, m, d (d may be nil) or nil.
local function fill(t, ref, last)
  if t.rel then
    if not ref then return nil end
    local c = shift(ref, t.rel)
    return c.year, c.month, c.day
  end
  local y, m, d = t.year, t.month, t.day
  if t.rel_year then
    if not ref then return nil end
    y = ref.year + t.rel_year
  end
  if last then
    y = y or last.year
    if not m then m = last.month end
  end
  if not m then
    -- a day alone: the record's month, or the one before when the day
    -- would be more than a week after the record
    if not ref then return nil end
    y, m = ref.year, ref.month
    if d > ref.day + 7 then
      m = m - 1
      if m == 0 then y, m = y - 1, 12 end
    end
  elseif not y then
    -- the year that puts it nearest the record's date, a day ahead
    -- counting as much as two behind (news looks back more than ahead)
    if not ref then return nil end
    local now, best, best_cost = ord(ref.year, ref.month, ref.day), nil, nil
    for cand = ref.year - 1, ref.year + 1 do
      local diff = ord(cand, m, d or 1) - now
      local cost = diff > 0 and 2 * diff or -diff
      if not best_cost or cost < best_cost then best, best_cost = cand, cost end
    end
    y = best
  end
  if d and d > days_in(y, m) then return nil end
  return y, m, d
end

--- The reference date from opts: opts.date ("2021-08-09", or a table
-- {year=, month=, day=}) or opts.time (epoch seconds, civil date in
-- opts.tz, default Asia/Shanghai). Nil when neither is given.
function M.reference(opts)
  if not opts then return nil end
  local d = opts.date
  if type(d) == "table" then return d end
  if type(d) == "string" then
    local yy, mm, dd = d:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
    if yy then return {year = tonumber(yy), month = tonumber(mm), day = tonumber(dd)} end
  end
  local t = opts.time or (type(d) == "number" and d)
  if type(t) == "number" then
    local c = require("quire.c.date").civil(t, opts.tz or "Asia/Shanghai")
    return {year = c.year, month = c.month, day = c.day}
  end
  return nil
end

--- Fills in MATCH (a table from `date`) against REF ({year, month, day}
-- or nil): match.date and match.date_end as ISO 8601 (or nil when the
-- text does not say enough), match.value = match.date. Returns MATCH.
function M.resolve(match, ref)
  local y, m, d = fill(match, ref)
  if y then
    match.date = iso(y, m, d)
  elseif match.month and not match.rel and not match.rel_year and not ref then
    match.date = match.day and string.format("--%02d-%02d", match.month, match.day)
      or string.format("--%02d", match.month)
  end
  local e = match["end"]
  if match.until_now then
    if ref then match.date_end = iso(ref.year, ref.month, ref.day) end
  elseif e then
    local ey, em, ed = fill(e, ref, y and {year = y, month = m} or {month = match.month})
    if ey then match.date_end = iso(ey, em, ed) end
    if e.time then match.time_end = e.time_end or e.time end
    if e.part then match.part_end = e.part end
  end
  match.value = match.date
  return match
end

return M
