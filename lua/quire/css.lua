--- quire.css: CSS selectors compiled to XPath 1.0 by an LPeg grammar.
--
--   css.select(sel)   -> XPath selecting, below the context node, the
--                        elements SEL matches, in document order
--   css.first(sel)    -> the same, limited to the first match
--   css.matches(sel)  -> XPath boolean: does the context node match SEL
--
-- Supported: type, *, #id, .class, [a] [a=v] [a~=v] [a|=v] [a^=v] [a$=v]
-- [a*=v] (quoted or bare values, the i and s flags), the combinators
-- " ", >, +, ~, selector lists, :not(list), :has(relative list),
-- :contains("text"), :first-child, :last-child, :only-child,
-- :first-of-type, :last-of-type, :only-of-type, :nth-child(an+b),
-- :nth-last-child, :nth-of-type, :nth-last-of-type, :empty, :root.
--
-- Matching follows querySelectorAll: the whole selector is matched
-- against the document, and only the subjects have to lie below the
-- context node (so from a <p>, "div span" finds spans in the p whose div
-- ancestor may be outside it). Choices where specs and engines differ
-- (cssselect, our reference in tests, agrees on each):
--   * type and attribute names are ASCII case-insensitive (HTML), values
--     case-sensitive unless the i flag is given;
--   * :contains(s) is case-sensitive over the node's whole string value
--     (script text included), as in cssselect and old jQuery;
--   * :empty is true only without element children and without any text,
--     whitespace included (Selectors 3);
--   * [a~=""], [a^=""], [a$=""], [a*=""] match nothing;
--   * *:nth-of-type() and the other -of-type classes need a type selector
--     (XPath 1.0 cannot compare with the subject's own name).
-- A selector that does not parse raises
--   bad selector "div >": expected a selector at position 6 (end)

local lpeg = require "lpeg"
local P, S, R, V, C, Cs, Ct, Cc, Cg, Cp, Cmt, Carg =
  lpeg.P, lpeg.S, lpeg.R, lpeg.V, lpeg.C, lpeg.Cs, lpeg.Ct, lpeg.Cc, lpeg.Cg, lpeg.Cp, lpeg.Cmt, lpeg.Carg

local css = {}

-- XPath string literal for S (concat() when it holds both quote kinds).
local function lit(s)
  if not s:find("'", 1, true) then return "'" .. s .. "'" end
  if not s:find('"', 1, true) then return '"' .. s .. '"' end
  local parts = {}
  for piece, quote in s:gmatch("([^']*)('?)") do
    if piece ~= "" then parts[#parts + 1] = "'" .. piece .. "'" end
    if quote ~= "" then parts[#parts + 1] = [["'"]] end
  end
  return "concat(" .. table.concat(parts, ", ") .. ")"
end

local UPPER, LOWER = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'", "'abcdefghijklmnopqrstuvwxyz'"

-- The XPath for attribute NAME (already lower case).
local function attr_ref(name)
  if name:match("^[%a_][%w_.%-]*$") then return "@" .. name end
  return "@*[name() = " .. lit(name) .. "]"
end

-- The XPath name test for element NAME: the name itself when XPath can
-- spell it, else a test on name() (CSS identifiers allow any non-ASCII
-- character, XPath names do not: U+FEFF, invalid UTF-8, escapes).
local function tag_test(name)
  name = name:lower()
  if name:match("^[%a_][%w_.%-]*$") then return name end
  return "*[name() = " .. lit(name) .. "]"
end

-- ---- the grammar ---------------------------------------------------------

-- Records the furthest position any token was tried at (state in Carg 1),
-- so a failed match can point at the offending place.
local mark = Cmt(Carg(1), function(_, i, st)
  if i > st.far then st.far, st.want = i, nil end
  return true
end)
-- Like mark, also naming what was expected there.
local function want(what)
  return Cmt(Carg(1), function(_, i, st)
    if i > st.far then st.far, st.want = i, what
    elseif i == st.far and not st.want then st.want = what end
    return true
  end)
end

local ws = S" \t\n\r\f" ^ 0
local ws1 = S" \t\n\r\f" ^ 1
local hex = R("09", "af", "AF")
local escape = P"\\" * C(hex * hex^-5) * S" \t\n\r\f"^-1 / function(h)
  local n = tonumber(h, 16)
  if n == 0 or n > 0x10FFFF or (n >= 0xD800 and n <= 0xDFFF) then n = 0xFFFD end
  -- nor may XPath text hold what XML forbids: C0 controls, U+FFFE, U+FFFF
  if (n < 0x20 and n ~= 9 and n ~= 10 and n ~= 13) or n == 0xFFFE or n == 0xFFFF then n = 0xFFFD end
  return utf8.char(n)
end + P"\\" * C(1 - S"\n\r\f")
local nmstart = R("az", "AZ") + "_" + R"\128\255"
local nmchar = nmstart + R"09" + "-"
local ident = Cs((P"--" + P"-"^-1 * (nmstart + escape)) * (nmchar + escape)^0)
local function quoted(q)
  return P(q) * Cs((P"\\" * S"\n" / "" + escape + (1 - S(q .. "\\\n")))^0) * P(q)
end
local string_ = quoted('"') + quoted("'")
local int = R"09"^1 / tonumber

-- an+b: returns a, b.
local sign = S"+-"
local anb = (P"odd" + "ODD") * Cc(2, 1)
  + (P"even" + "EVEN") * Cc(2, 0)
  + C(sign^-1 * R"09"^0) * S"nN" * (ws * C(sign) * ws * int + Cc("+", 0)) / function(a, sg, b)
      local av = a == "" and 1 or a == "+" and 1 or a == "-" and -1 or tonumber(a)
      return av, sg == "-" and -b or b
    end
  + C(sign^-1 * R"09"^1) / function(b) return 0, tonumber(b) end

-- Conditions on the subject. Each is an XPath boolean expression, or a
-- function(tag, pos) giving one (for the -of-type classes).
local function class_cond(name)
  return "@class and contains(concat(' ', normalize-space(@class), ' '), " .. lit(" " .. name .. " ") .. ")"
end

local function attr_cond(name, op, value, flag)
  local a = attr_ref(name:lower())
  if not op then return a end
  local ci = flag and flag:lower() == "i"
  local v = value
  local av = a
  if ci then
    v = value:lower()
    av = "translate(" .. a .. ", " .. UPPER .. ", " .. LOWER .. ")"
  end
  if op == "=" then
    return a .. " and " .. av .. " = " .. lit(v)
  elseif op == "~=" then
    if v == "" or v:find("[ \t\n\r\f]") then return "false()" end
    return a .. " and contains(concat(' ', normalize-space(" .. av .. "), ' '), " .. lit(" " .. v .. " ") .. ")"
  elseif op == "|=" then
    return a .. " and (" .. av .. " = " .. lit(v) .. " or starts-with(" .. av .. ", " .. lit(v .. "-") .. "))"
  elseif op == "^=" then
    if v == "" then return "false()" end
    return a .. " and starts-with(" .. av .. ", " .. lit(v) .. ")"
  elseif op == "$=" then
    if v == "" then return "false()" end
    return a .. " and substring(" .. av .. ", string-length(" .. av .. ") - " .. utf8.len(v) - 1 ..
      ") = " .. lit(v)
  elseif op == "*=" then
    if v == "" then return "false()" end
    return a .. " and contains(" .. av .. ", " .. lit(v) .. ")"
  end
end

-- The XPath condition that COUNT (an XPath number, 0-based position)
-- satisfies an+b with n >= 0.
local function nth_cond(a, b, count)
  local k = b - 1 -- count = a*n + k
  local minus = k >= 0 and (" - " .. k) or (" + " .. -k)
  if a == 0 then
    if k < 0 then return "false()" end
    return count .. " = " .. k
  elseif a > 0 then
    local mod = "(" .. count .. minus .. ") mod " .. a .. " = 0"
    if k <= 0 then return mod end
    return count .. " >= " .. k .. " and " .. mod
  else
    if k < 0 then return "false()" end
    return count .. " <= " .. k .. " and (" .. k .. " - " .. count .. ") mod " .. -a .. " = 0"
  end
end

local function typed(fn)
  return function(tag, pos, sel)
    if tag == "*" then
      error(string.format("bad selector %q: the -of-type pseudo-classes need a type selector at position %d",
        sel, pos), 0)
    end
    return fn(tag)
  end
end

local simple_pseudo = {
  ["first-child"] = "not(preceding-sibling::*)",
  ["last-child"] = "not(following-sibling::*)",
  ["only-child"] = "not(preceding-sibling::*) and not(following-sibling::*)",
  ["empty"] = "not(*) and not(string-length())",
  ["root"] = "not(parent::*)",
  ["first-of-type"] = typed(function(t) return "not(preceding-sibling::" .. t .. ")" end),
  ["last-of-type"] = typed(function(t) return "not(following-sibling::" .. t .. ")" end),
  ["only-of-type"] = typed(function(t)
    return "not(preceding-sibling::" .. t .. ") and not(following-sibling::" .. t .. ")"
  end),
}

local nth_pseudo = {
  ["nth-child"] = function(a, b) return nth_cond(a, b, "count(preceding-sibling::*)") end,
  ["nth-last-child"] = function(a, b) return nth_cond(a, b, "count(following-sibling::*)") end,
  ["nth-of-type"] = function(a, b)
    return typed(function(t) return nth_cond(a, b, "count(preceding-sibling::" .. t .. ")") end)
  end,
  ["nth-last-of-type"] = function(a, b)
    return typed(function(t) return nth_cond(a, b, "count(following-sibling::" .. t .. ")") end)
  end,
}

-- Compilers from the syntax tree, defined below the grammar.
local compile_not, compile_has

local function known(set)
  return Cmt(ident, function(_, i, name)
    name = name:lower()
    if set[name] ~= nil then return i, name end
    return false
  end)
end

local G = P{
  "list",
  list = Ct(V"complex" * (ws * mark * "," * ws * V"complex")^0),
  -- a complex selector: {compound, combinator, compound, ...}
  complex = Ct(V"compound" * (V"comb" * V"compound")^0),
  comb = ws * mark * C(S">+~") * ws + ws1 * Cc(" "),
  relative = Ct((ws * mark * C(S">+~") * ws + Cc(" ")) * V"compound" * (V"comb" * V"compound")^0),
  rellist = Ct(V"relative" * (ws * mark * "," * ws * V"relative")^0),
  compound = want("a selector") * Ct(
      Cg(V"type", "tag") * V"sub"^0
    + Cg(Cc("*"), "tag") * V"sub"^1),
  type = (C"*" + ident / tag_test),
  sub = want("a selector") * (
      P"#" * mark * ident / function(id) return "@id = " .. lit(id) end
    + P"." * mark * ident / class_cond
    + V"attrib"
    + V"pseudo"),
  attrib = P"[" * ws * mark * ident * ws
    * (mark * C(P"=" + "~=" + "|=" + "^=" + "$=" + "*=") * ws * mark * (string_ + ident)
       * (ws1 * mark * C(S"iIsS") * #(ws * "]") + Cc(nil)))^-1
    * ws * want("]") * "]" / attr_cond,
  pseudo = Cp() * P":" * mark * (
      known(simple_pseudo) * -P"(" / function(name) return simple_pseudo[name] end
    + known(nth_pseudo) * "(" * ws * want("an+b") * anb * ws * want(")") * ")"
      / function(name, a, b) return nth_pseudo[name](a, b) end
    + Cmt(ident, function(_, i, n) return n:lower() == "not" and i end) * "(" * ws * V"list" * ws
      * want(")") * ")" / function(list) return compile_not(list) end
    + Cmt(ident, function(_, i, n) return n:lower() == "has" and i end) * "(" * ws * V"rellist" * ws
      * want(")") * ")" / function(list) return compile_has(list) end
    + Cmt(ident, function(_, i, n) return n:lower() == "contains" and i end) * "(" * ws * mark
      * (string_ + ident) * ws * want(")") * ")"
      / function(s) return "contains(., " .. lit(s) .. ")" end
    + want("a supported pseudo-class") * P(false)) / function(pos, cond)
      if type(cond) == "function" then
        return function(tag, sel) return cond(tag, pos, sel) end
      end
      return cond
    end,
}

local whole = G * ws * want("the end of the selector") * -P(1)

-- ---- code generation -----------------------------------------------------

-- Step text for compound C: tag plus its conditions as predicates.
local function step(c, sel)
  local out = {c.tag}
  for _, cond in ipairs(c) do
    if type(cond) == "function" then cond = cond(c.tag, sel) end
    out[#out + 1] = "[" .. cond .. "]"
  end
  return table.concat(out)
end

-- Right to left: the subject's step with what lies left of it as
-- predicates (ancestor, parent, preceding siblings).
local function rtl(seq, i, sel)
  local s = step(seq[i], sel)
  if i == 1 then return s end
  local op, left = seq[i - 1], rtl(seq, i - 2, sel)
  if op == " " then
    return s .. "[ancestor::" .. left .. "]"
  elseif op == ">" then
    return s .. "[parent::" .. left .. "]"
  elseif op == "~" then
    return s .. "[preceding-sibling::" .. left .. "]"
  else -- "+"
    return s .. "[preceding-sibling::*[1]/self::" .. left .. "]"
  end
end

-- Left to right from the :has() subject: a path of steps.
local function ltr(seq, sel)
  local parts = {}
  for i = 1, #seq, 2 do
    local op, c = seq[i], seq[i + 1]
    local axis = op == " " and "descendant::" or op == ">" and "child::" or op == "~" and "following-sibling::"
      or "following-sibling::*[1]/self::"
    parts[#parts + 1] = axis .. step(c, sel)
  end
  return table.concat(parts, "/")
end

-- The selector being compiled, for messages raised from inside the grammar.
local current_sel = ""

function compile_not(list)
  local alts = {}
  for _, seq in ipairs(list) do alts[#alts + 1] = "self::" .. rtl(seq, #seq, current_sel) end
  return "not(" .. table.concat(alts, " | ") .. ")"
end

function compile_has(list)
  local alts = {}
  for _, seq in ipairs(list) do alts[#alts + 1] = ltr(seq, current_sel) end
  return table.concat(alts, " | ")
end

-- Parses SEL into its list of complex selectors, or raises a message that
-- quotes SEL and names the position where it went wrong.
local function parse(sel)
  if type(sel) ~= "string" then
    error("bad selector: a string expected, got " .. type(sel), 0)
  end
  -- libxml2's XPath reader stops at invalid UTF-8 inside a literal
  local valid, bad_at = utf8.len(sel)
  if not valid then
    error(string.format("bad selector %q: invalid UTF-8 at byte %d", sel, bad_at), 0)
  end
  -- ... and at characters XML does not allow
  local ctl = sel:find("[%z\1-\8\11\12\14-\31]") or sel:find("\239\191[\190\191]")
  if ctl then
    error(string.format("bad selector %q: a control character or noncharacter at byte %d", sel, ctl), 0)
  end
  local st = {far = 0}
  current_sel = sel
  local list = whole:match(sel, 1, st)
  if not list then
    local pos = math.max(st.far, 1)
    local at = "end"
    if pos <= #sel then
      at = string.format("%q", sel:match("^" .. utf8.charpattern, pos) or sel:sub(pos, pos))
    end
    error(string.format("bad selector %q: expected %s at position %d (%s)",
      sel, st.want or "a selector", pos, at), 0)
  end
  return list
end

local cache = {select = {}, first = {}, matches = {}}
local cached = 0

local function remember(kind, sel, xpath)
  if cached >= 4096 then
    cache.select, cache.first, cache.matches, cached = {}, {}, {}, 0
  end
  cache[kind][sel] = xpath
  cached = cached + 1
  return xpath
end

--- XPath selecting the elements below the context node that SEL matches.
function css.select(sel)
  local x = cache.select[sel]
  if x then return x end
  local alts = {}
  for _, seq in ipairs(parse(sel)) do alts[#alts + 1] = "descendant::" .. rtl(seq, #seq, sel) end
  return remember("select", sel, table.concat(alts, " | "))
end

--- XPath selecting the first element below the context node SEL matches.
function css.first(sel)
  local x = cache.first[sel]
  if x then return x end
  return remember("first", sel, "(" .. css.select(sel) .. ")[1]")
end

--- XPath boolean: whether the context node matches SEL.
function css.matches(sel)
  local x = cache.matches[sel]
  if x then return x end
  local alts = {}
  for _, seq in ipairs(parse(sel)) do alts[#alts + 1] = "self::" .. rtl(seq, #seq, sel) end
  return remember("matches", sel, "boolean(" .. table.concat(alts, " | ") .. ")")
end

return css
