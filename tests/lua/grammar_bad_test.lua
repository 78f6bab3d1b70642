-- quire.grammar on bad input: invalid UTF-8, a 1 MB line without
-- punctuation, long runs of digits and numerals, unclosed quotes. Nothing
-- raises, and each takes time linear in its length: the time for N bytes
-- is compared with the time for N/8 (a quadratic scan would take ~64 times
-- as long; the bound is a generous 24), with a generous ceiling too.
-- Times are this process's CPU time (os.clock), the better of two runs,
-- so other work on a shared machine does not make the ratio.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local g = require("quire").grammar

local function timed(text)
  local best, ok, out
  for _ = 1, 2 do
    local t0 = os.clock()
    ok, out = pcall(g.extract, text, {date = "2021-08-09"})
    local t = os.clock() - t0
    best = best and math.min(best, t) or t
  end
  return best, ok, out
end

-- Builds a text of about BYTES bytes by repeating UNIT.
local function make(unit, bytes) return unit:rep(math.max(1, bytes // #unit)) end

-- {name, unit repeated, bytes}: the brief's 1 MB line without punctuation
-- and invalid UTF-8 at 1 MB; inputs dense with matches (every few bytes
-- one) at 256 KB, where the time per match, not the scan, is what counts.
local inputs = {
  {"CJK without punctuation", "江苏新增本土确诊病例三十八例累计报告本土确诊病例", 1024 * 1024},
  {"CJK prose without punctuation", "扬州近日疫情防控形势严峻江苏省长吴政隆就在扬州检查指导疫情防控工作连续两天在凌晨开会", 1024 * 1024},
  {"digits", "1234567890", 1024 * 1024},
  {"Chinese numerals", "一二三四五六七八九十百千万亿", 1024 * 1024},
  {"invalid UTF-8", "\255\254\192\128\237\160\128新增\224\128", 1024 * 1024},
  {"unclosed quotes", "据《新华日报“据江苏省卫健委“「『", 1024 * 1024},
  {"numbers and separators", "1,2.3-4—5%6万7元8例9日10月", 256 * 1024},
  {"dates without ends", "8月8日0-24时至8月至今至", 256 * 1024},
  {"spaces between digits", "1 2 3 4 5 6 7 8 9 0 ", 256 * 1024},
}

for _, case in ipairs(inputs) do
  local name, unit, size = case[1], case[2], case[3]
  local small_t, ok1, err1 = timed(make(unit, size // 8))
  local big_t, ok2, err2 = timed(make(unit, size))
  check.ok(ok1 and ok2, name .. ": no error: " .. tostring(not ok1 and err1 or not ok2 and err2 or ""))
  -- times under 50 ms are noise; compare only above that
  check.ok(big_t < 0.05 or big_t < 24 * small_t,
    string.format("%s: %d KB took %.3fs, %d KB %.3fs: not linear", name, size // 1024, big_t,
      size // 8192, small_t))
  check.ok(big_t < 30, string.format("%s: %d KB took %.1fs", name, size // 1024, big_t))
end

-- 10,000 digits in a row: no number, no phone, no error
do
  local t, ok, out = timed(("7"):rep(10000))
  check.ok(ok, "10,000 digits: no error")
  check.eq(ok and #out, 0, "10,000 digits are no amount")
  check.ok(t < 1, "10,000 digits took " .. t)
  -- and in the middle of a sentence, what is around them still counts
  local _, ok2, out2 = timed("新增38例" .. ("9"):rep(10000) .. "，累计592例")
  check.ok(ok2)
  check.eq(ok2 and #out2 >= 2 and out2[#out2].value, 592)
end

-- invalid UTF-8 around matches: offsets stay consistent
do
  local text = "\255新增\192\19338例\245"
  local m = g.find_all(text, g.count)[1]
  check.eq(m and m.text, "38例")
  check.eq(m and text:sub(m.start, m.stop), "38例")
end

-- every pattern alone on the bad inputs: no error
for _, name in ipairs {"number", "date", "time", "money", "percent", "count", "attribution"} do
  for _, case in ipairs(inputs) do
    local ok = pcall(g.find_all, make(case[2], 4096), g[name])
    check.ok(ok, name .. " on " .. case[1])
  end
end

check.done()
