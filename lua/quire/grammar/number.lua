--- quire.grammar.number: numbers as written in Chinese news, as LPeg
-- patterns whose capture is the number's value (a Lua number, the unit
-- multiplier applied).
--
--   arabic   39154, 523.88, 39,154, full-width １２３ (at most 20 digits
--            before the point: a longer run is not a quantity)
--   cn       三十八, 一百零五, 两千, 十二万三千四百, 二〇二一, 三点五, 壹佰
--   mixed    1.2万, 3千万, 592万亿, 十亿 (an arabic or Chinese number and
--            multipliers 十 百 千 万 亿)
--   number   mixed + arabic + cn, what the other grammars build on
--
-- The building blocks the other grammars share (one UTF-8 character,
-- spaces, digits, word boundaries) live here too.

local lpeg = require "lpeg"
local P, R, S, C, Cc, Cmt = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cmt

local M = {}

local cont = R"\128\191"
--- One UTF-8 character, or one byte that does not start one: scanning by
-- this never stops inside a character and never stalls on bad bytes.
M.char = R"\0\127" + R"\194\223" * cont + R"\224\239" * cont * cont
  + R"\240\244" * cont * cont * cont + P(1)

--- Up to two spaces between a number and its unit ("10 亿元", as IT之家
-- writes): ASCII space, tab, NBSP, ideographic space.
M.space = S" \t" + P"\194\160" + P"\227\128\128"
M.sp = M.space^-2

local fullwidth_digit = P"\239\188" * R"\144\153"
M.ascii_digit = R"09"
M.digit = R"09" + fullwidth_digit
M.letter = R("az", "AZ")
--- A character that glues onto a number to make a word (F1, 5G, x86, 1.8.5).
M.wordchar = R("az", "AZ", "09") + fullwidth_digit + S"_"

-- Full-width digits as ASCII, thousands separators dropped.
local function ascii(text)
  if not text:find("[\239,]") then return text end
  return (text:gsub("\239\188([\144-\153])", function(b) return string.char(b:byte() - 144 + 48) end)
    :gsub(",", ""))
end
M.ascii = ascii

local D = M.digit
-- an arabic number: 39154, 39,154, 523.88; "1.8.5" or "12abc" do not end
-- where a number ends, so they are no number
local int_part = D^1 * ("," * D * D * D * -D)^0
local arabic_text = int_part * ("." * D^1)^-1
M.arabic_end = -(P"." * D) - M.wordchar

M.arabic = Cmt(C(arabic_text), function(_, pos, text)
  local plain = ascii(text)
  local int = plain:match("^%d+")
  if #int > 20 then return false end
  return pos, tonumber(plain)
end)

-- Chinese numerals ---------------------------------------------------------

local cn_digits = {
  ["〇"] = 0, ["零"] = 0, ["一"] = 1, ["壹"] = 1, ["二"] = 2, ["贰"] = 2, ["两"] = 2,
  ["三"] = 3, ["叁"] = 3, ["四"] = 4, ["肆"] = 4, ["五"] = 5, ["伍"] = 5,
  ["六"] = 6, ["陆"] = 6, ["七"] = 7, ["柒"] = 7, ["八"] = 8, ["捌"] = 8,
  ["九"] = 9, ["玖"] = 9,
}
local cn_small = {["十"] = 10, ["拾"] = 10, ["百"] = 100, ["佰"] = 100, ["千"] = 1000, ["仟"] = 1000}
local cn_big = {["万"] = 1e4, ["萬"] = 1e4, ["亿"] = 1e8, ["億"] = 1e8}

--- A pattern matching any of the strings in LIST, as a trie on bytes:
-- LPeg turns a choice whose branches start with different bytes into
-- jumps on a test, where a plain choice of 30 strings tries them in turn.
function M.trie(list)
  local groups, order = {}, {}
  for _, s in ipairs(list) do
    if #s == 1 then
      groups[s] = groups[s] or {}
      groups[s].leaf = true
      if not groups[s].seen then groups[s].seen = true; order[#order + 1] = s end
    else
      local head = s:sub(1, 1)
      if not groups[head] then groups[head] = {}; end
      if not groups[head].seen then groups[head].seen = true; order[#order + 1] = head end
      groups[head][#groups[head] + 1] = s:sub(2)
    end
  end
  table.sort(order)
  local p = P(false)
  for _, head in ipairs(order) do
    local g = groups[head]
    local rest = #g > 0 and M.trie(g) or P(false)
    if g.leaf then rest = rest + P(true) end
    p = p + P(head) * rest
  end
  return p
end

-- k repetitions of p (p^k in LPeg is "k or more")
local function times_exactly(p, k)
  local q = P(true)
  for _ = 1, k do q = q * p end
  return q
end

--- One whole UTF-8 character at which none of the strings in LIST
-- starts, or one stray byte (a continuation byte, C0, C1, F5..FF) that
-- starts none. A character that is only the first of a longer string
-- (上 of 上午) is such a character when the rest does not follow. A
-- lead byte without its continuation bytes does not match. Built as a
-- tree of byte sets whose branches start with different bytes, so LPeg
-- decides with tests and jumps, never backtracking: a run of these is a
-- cheap way to step over text where nothing can start.
function M.other_char(list)
  local root = {}
  for _, s in ipairs(list) do
    local node = root
    for i = 1, #s do
      local b = s:byte(i)
      node[b] = node[b] or {}
      node = node[b]
    end
    node.ends = true
  end
  -- the rest of a character, K continuation bytes, from trie node NODE
  local function rest(node, k)
    if node == nil then return times_exactly(cont, k) end
    if k == 0 then
      if node.ends then return P(false) end
      local tails = {}
      local function walk(nd, prefix)
        if nd.ends then tails[#tails + 1] = prefix end
        for b = 0, 255 do if nd[b] then walk(nd[b], prefix .. string.char(b)) end end
      end
      walk(node, "")
      return -M.trie(tails)
    end
    local others, p = {}, nil
    for b = 128, 191 do
      if not node[b] then others[#others + 1] = string.char(b) end
    end
    p = S(table.concat(others)) * times_exactly(cont, k - 1)
    for b = 128, 191 do
      if node[b] then p = p + P(string.char(b)) * rest(node[b], k - 1) end
    end
    return p
  end
  -- bytes that start no string, by how many continuation bytes follow
  -- (stray bytes count as characters of one byte, as in M.char)
  local free = {{}, {}, {}, [0] = {}}
  for b = 0, 255 do
    local k = b < 128 and 0 or b >= 194 and b <= 223 and 1 or b >= 224 and b <= 239 and 2
      or b >= 240 and b <= 244 and 3 or 0
    if not root[b] then free[k][#free[k] + 1] = string.char(b) end
  end
  local p = S(table.concat(free[0])) + S(table.concat(free[1])) * cont
    + S(table.concat(free[2])) * cont * cont + S(table.concat(free[3])) * cont * cont * cont
  for b = 128, 255 do
    -- (a string of one ASCII byte: that byte never matches)
    if root[b] then
      local k = b >= 194 and b <= 223 and 1 or b >= 224 and b <= 239 and 2 or b >= 240 and b <= 244 and 3 or 0
      p = p + P(string.char(b)) * rest(root[b], k)
    end
  end
  return p
end

local function set_of(...)
  local list = {}
  for _, t in ipairs {...} do
    for k in pairs(t) do list[#list + 1] = k end
  end
  return M.trie(list)
end

M.cn_digit = set_of(cn_digits)
M.cn_unit = set_of(cn_small, cn_big)
--- The numerals as lists of strings, sorted (for building tries).
M.cn_digit_list, M.cn_unit_list = {}, {}
for k in pairs(cn_digits) do M.cn_digit_list[#M.cn_digit_list + 1] = k end
for _, t in ipairs {cn_small, cn_big} do
  for k in pairs(t) do M.cn_unit_list[#M.cn_unit_list + 1] = k end
end
table.sort(M.cn_digit_list)
table.sort(M.cn_unit_list)
local cn_char = M.cn_digit + M.cn_unit

-- 千/百 before 米 克 瓦 are kilo- and hecto-, not multipliers (10 千米).
local metric = P"米" + P"克" + P"瓦"

--- The value of a run of Chinese numeral characters, or nil when the run
-- is not a well-formed number ("三四十", "十百", "一一"). Positional runs of
-- digits (二〇二一) read digit by digit; a bare digit after the last unit
-- stands for the next smaller one (一万五 = 15000, 三千五 = 3500).
local function cn_value(text)
  local chars = {}
  for ch in text:gmatch("[\0-\127\194-\244][\128-\191]*") do chars[#chars + 1] = ch end
  local positional = true
  for _, ch in ipairs(chars) do if cn_digits[ch] == nil then positional = false end end
  if positional then
    if #chars == 1 then return cn_digits[chars[1]] end
    local v = 0
    for _, ch in ipairs(chars) do
      if chars[1] ~= "两" and ch == "两" then return nil end
      v = v * 10 + cn_digits[ch]
    end
    -- "一二" or "三四" are not numbers; a positional run has a zero in it
    if not text:find("〇", 1, true) and not text:find("零", 1, true) then return nil end
    return v
  end
  local total, wan, section, digit = 0, 0, 0, nil
  local last_small, last_big, zero_seen, prev_kind = nil, nil, false, nil
  for i, ch in ipairs(chars) do
    local d, s, b = cn_digits[ch], cn_small[ch], cn_big[ch]
    if d then
      -- two digits in a row only across a zero: 一百零五
      if prev_kind == "digit" and digit ~= 0 then return nil end
      if d == 0 then zero_seen = true end
      digit, prev_kind = d, "digit"
    elseif s then
      if i == 1 and s ~= 10 then return nil end          -- 百五 is not a number
      if last_small and s >= last_small then return nil end  -- 十百
      if digit == 0 then return nil end                  -- 零十
      section = section + (digit or 1) * s
      digit, last_small, zero_seen, prev_kind = nil, s, false, "small"
    else
      local n = section + (digit or 0)
      if b == 1e4 then
        if n == 0 or last_big == 1e4 then return nil end
        wan = n * 1e4
      else
        if n == 0 and wan == 0 then return nil end
        total = (total + wan + n) * 1e8
        wan = 0
      end
      section, digit, last_big, last_small, zero_seen, prev_kind = 0, nil, b, nil, false, "big"
    end
  end
  local tail = digit or 0
  -- the elided unit: 一万五 -> 五千, 三千五 -> 五百; 十五 stays 15
  local unit = last_small or last_big
  if digit and digit ~= 0 and not zero_seen and unit and unit > 10 then
    tail = digit * unit / 10
  end
  return total + wan + section + tail
end
M.cn_value = cn_value

-- Fraction digits after 点: 三点五 -> 0.5
local function cn_fraction(text)
  local s = {}
  for ch in text:gmatch("[\0-\127\194-\244][\128-\191]*") do
    local d = cn_digits[ch]
    if d == nil or ch == "两" then return nil end
    s[#s + 1] = tostring(d)
  end
  return tonumber("0." .. table.concat(s))
end

-- At most 20 numeral characters (九千九百九十九万九千九百九十九 is 15), so a long run of them costs a bounded
-- amount at each position; a run followed by 几 (十几, 几十) is vague.
local kilo = (P"千" + P"百") * metric
-- (p^n in LPeg is "n or more"; these are exactly n)
local function exactly(p, k)
  local q = p
  for _ = 2, k do q = q * p end
  return q
end
local cn_run = C((cn_char - kilo)^1 - exactly(cn_char, 21)) * -(cn_char - kilo)
--- A run of more than 20 numeral characters: no number (the scanners
-- skip it whole, so a long run costs one pass).
M.cn_overlong = exactly(cn_char, 21) * cn_char^0
local cn_text = cn_run * (P"点" * C(M.cn_digit^1 - exactly(M.cn_digit, 17)))^-1 * -P"几"

--- A Chinese number: its value.
M.cn = Cmt(cn_text, function(_, pos, int, frac)
  local v = cn_value(int)
  if v == nil then return false end
  if frac then
    local f = cn_fraction(frac)
    if f == nil then return false end
    v = v + f
  end
  return pos, v
end)

--- 半 on its own (半小时, 半年): 0.5.
M.half = P"半" * Cc(0.5)

-- Multipliers after an arabic number: 万, 亿, 千万, 万亿, 十万, 百万 ...
local small_mult = P"十" * Cc(10) + P"百" * -metric * Cc(100) + P"千" * -metric * Cc(1000)
local big_mult = (P"万" + P"萬") * Cc(1e4) + (P"亿" + P"億") * Cc(1e8)
local mult_list = small_mult * big_mult^0 + big_mult^1

local function product(...)
  local v = 1
  for i = 1, select("#", ...) do v = v * select(i, ...) end
  return v
end
--- The multiplier written after a number, as one value (千万 -> 1e7).
M.multiplier = mult_list / product

local function times(a, b) return b and a * b or a end

--- An arabic number with an optional multiplier: 1.2万, 3千万, 592万亿, 2650.
M.arabic_mixed = M.arabic * M.arabic_end * (M.sp * M.multiplier)^-1 / times
-- (spaces before the multiplier: "272 万名", as IT之家 writes)

--- Any number: arabic with multipliers, or Chinese.
M.number = M.arabic_mixed + M.cn

-- Integers 1800..2099 that end in 年 are years, not amounts.
function M.is_year(v)
  return math.type(v) == "integer" and v >= 1800 and v <= 2099
    or (math.type(v) == "float" and v == math.floor(v) and v >= 1800 and v <= 2099)
end

--- A number's value as an integer when it is whole.
function M.tidy(v)
  if type(v) == "number" and v == math.floor(v) and math.abs(v) < 2^53 then
    return math.tointeger(v) or v
  end
  return v
end

-- Amounts: a number or a range of numbers, maybe approximate -------------

--- A CJK ideograph (U+4E00..U+9FFF).
M.han = P"\228" * R"\184\191" * cont + R"\229\233" * cont * cont

--- Range separators: 15-30, 200—500, 3~5, 3至5.
M.dash = P"-" + P"—" + P"–" + P"―" + P"~" + P"～" + P"－" + P"至" + P"到"

local Ct, Cg = lpeg.Ct, lpeg.Cg
local one = Ct(Cg(M.arabic, "v") * M.arabic_end * (M.sp * Cg(M.multiplier, "m"))^-1 * Cg(Cc(true), "arabic"))
  + Ct(Cg(M.cn, "v"))
local approx = P"多" + P"余" + P"来"

-- 200-500万: the multiplier written once applies to both ends
local function amount(a, b, approximate)
  if b == true or b == nil then b, approximate = nil, approximate or b end
  local t = {}
  if b then
    local m = b.m or 1
    t.value = a.v * (a.m or m)
    t.value_end = b.v * m
    if t.value_end < t.value then return nil end
  else
    t.value = a.v * (a.m or 1)
  end
  t.arabic = a.arabic
  t.approx = approximate or nil
  return t
end

--- A quantity: {value=, value_end= (a range), approx= (多, 余, 来), arabic=
-- (written in digits)}. The others build money, percentages and counts on it.
M.amount = Cmt((one * (M.sp * M.dash * M.sp * one)^-1 * (M.sp * approx * Cc(true))^-1),
  function(_, pos, ...)
    local t = amount(...)
    return t ~= nil and pos, t
  end)

return M
