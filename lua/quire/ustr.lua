--- quire.ustr: Unicode and CJK text helpers (utf8proc and iconv underneath).
-- local ustr = require "quire.ustr"
-- ustr.len("中文") --> 2;  ustr.width("中文") --> 4
-- ustr.wrap("　ＡＢＣ，你好 "):trim():halfwidth():str() --> "ABC，你好"
--
-- Invalid UTF-8 never raises: each bad byte reads as one U+FFFD. Measuring
-- and slicing (len, width, sub, trim) keep the bytes; functions that build
-- new text (normalize, fold, lower, upper, halfwidth, fullwidth, squeeze,
-- repair) write U+FFFD instead. A wrong argument type is an error.
--
-- Functions (all take the string first):
--   len(s)                       code points
--   graphemes(s)                 iterator: cluster, byte position
--   ngraphemes(s)                number of extended grapheme clusters
--   chars(s)                     iterator: character, byte position, code point
--   sub(s, i [, j])              by code point, negative from the end
--   width(s [, ambiguous])       terminal columns (ambiguous: 1 or 2)
--   truncate(s, cols [, ellipsis [, ambiguous]])  never splits a cluster
--   pad(s, cols [, align [, ambiguous]])  align "left" | "right" | "center"
--   normalize(s [, form])        "NFC" (default), "NFD", "NFKC", "NFKD"
--   fold(s), lower(s), upper(s)  case folding, simple case mappings
--   category(c), script(c), is_cjk(c)   c: a character or a code point
--   cjk_ratio(s)                 share of letters and digits that are CJK
--   trim(s), squeeze(s)          Unicode white space (U+3000, NBSP, ...)
--   halfwidth(s [, all]), fullwidth(s [, space])
--   sentences(s), bigrams(s)     arrays of strings
--   valid(s), repair(s)
--   decode(bytes, from), encode(s, to), guess(bytes)

local C = require "quire.c.ustr"

local ustr = {}

for name, fn in pairs(C) do ustr[name] = fn end

-- The C functions, named again here for help() (which reads "---" comments).

--- len(s): the number of code points in s.
ustr.len = C.len
--- graphemes(s): an iterator over the extended grapheme clusters of s, each with its byte position.
ustr.graphemes = C.graphemes
--- ngraphemes(s): the number of extended grapheme clusters in s.
ustr.ngraphemes = C.ngraphemes
--- chars(s): an iterator over the characters of s: character, byte position, code point (an invalid byte comes alone, as U+FFFD).
ustr.chars = C.chars
--- sub(s, i [, j]): code points i to j of s, by string.sub's rules (negative counts from the end).
ustr.sub = C.sub
--- width(s [, ambiguous]): the terminal columns s takes (ambiguous: 1 or 2, default defaults.ambiguous).
ustr.width = C.width
--- truncate(s, cols [, ellipsis [, ambiguous]]): s cut to at most cols columns between grapheme clusters, ending with ellipsis (default defaults.ellipsis) when cut.
ustr.truncate = C.truncate
--- normalize(s [, form]): s in Unicode normal form "NFC" (the default), "NFD", "NFKC" or "NFKD".
ustr.normalize = C.normalize
--- fold(s): s case-folded for comparing (full folding: ß becomes ss).
ustr.fold = C.fold
--- lower(s): s with each code point's simple lower-case mapping.
ustr.lower = C.lower
--- upper(s): s with each code point's simple upper-case mapping.
ustr.upper = C.upper
--- category(c): the general category ("Lu", "Lo", "Nd", ...) of c, a character or a code point.
ustr.category = C.category
--- script(c): the script ("Han", "Latin", "Common", ...) of c, a character or a code point.
ustr.script = C.script
--- is_cjk(c): whether c (a character or a code point) is a Han, kana, Hangul or Bopomofo letter.
ustr.is_cjk = C.is_cjk
--- cjk_ratio(s): the share (0 to 1) of the letters and digits of s that are CJK.
ustr.cjk_ratio = C.cjk_ratio
--- trim(s): s without leading and trailing Unicode white space (U+3000, no-break space, ...).
ustr.trim = C.trim
--- squeeze(s): s with each run of white space made one "\n" (when it breaks a line) or one space.
ustr.squeeze = C.squeeze
--- halfwidth(s [, all]): s with full-width ASCII forms made ASCII; CJK punctuation (！（），：；？) stays unless all is true.
ustr.halfwidth = C.halfwidth
--- fullwidth(s [, space]): s with ASCII made full-width (the space too, as U+3000, when space is true).
ustr.fullwidth = C.fullwidth
--- sentences(s): an array of the sentences of s, trimmed, none empty.
ustr.sentences = C.sentences
--- bigrams(s): an array of the overlapping two-character strings of every run of CJK letters in s (a run of one gives that character).
ustr.bigrams = C.bigrams
--- valid(s): true when s is valid UTF-8; else false and the position of the first bad byte.
ustr.valid = C.valid
--- repair(s): s with each invalid byte replaced by U+FFFD.
ustr.repair = C.repair
--- decode(bytes, from): bytes in encoding from (any iconv name: "GB18030", "GBK", "BIG5", ...) as UTF-8; nil and a message on failure.
ustr.decode = C.decode
--- encode(s, to): s in encoding to; nil and a message on failure.
ustr.encode = C.encode
--- guess(bytes): "UTF-8", "GB18030" or "BIG5" as the encoding bytes look like, or nil.
ustr.guess = C.guess

--- Defaults a script may change (shared with the C functions):
-- ambiguous = 2 counts East Asian ambiguous characters (“ ” … · ° ①) as
-- two columns, as CJK terminals do; ellipsis ends truncated text.
ustr.defaults = C.defaults

local function argerror(n, fname, msg)
  error(string.format("bad argument #%d to 'quire.ustr.%s' (%s)", n, fname, msg), 3)
end

local function checkstring(s, n, fname)
  local t = type(s)
  if t == "string" then return s end
  if t == "number" then return tostring(s) end
  argerror(n, fname, "string expected, got " .. (t == "nil" and "no value" or t))
end

local aligns = {left = true, right = true, center = true}

--- S padded with spaces to COLS columns: "left" (the default) puts the
-- text on the left, "right" on the right, "center" in the middle (the
-- odd space goes right). Text already COLS wide or wider comes back as is.
function ustr.pad(s, cols, align, ambiguous)
  s = checkstring(s, 1, "pad")
  if type(cols) ~= "number" then
    argerror(2, "pad", "number expected, got " .. (cols == nil and "no value" or type(cols)))
  elseif math.type(cols) ~= "integer" then
    argerror(2, "pad", "number has no integer representation")
  end
  align = align or "left"
  if not aligns[align] then argerror(3, "pad", "invalid option '" .. tostring(align) .. "'") end
  local gap = cols - C.width(s, ambiguous)
  if gap <= 0 then return s end
  if align == "left" then return s .. string.rep(" ", gap) end
  if align == "right" then return string.rep(" ", gap) .. s end
  local left = gap // 2
  return string.rep(" ", left) .. s .. string.rep(" ", gap - left)
end

-- Functions whose result is text: wrapped values return wrapped text.
local returns_text = {
  sub = true, truncate = true, pad = true, normalize = true, fold = true,
  lower = true, upper = true, trim = true, squeeze = true, halfwidth = true,
  fullwidth = true, repair = true,
}


local Wrapped = {__name = "quire.ustr.Wrapped"}
local methods = {}

for name, fn in pairs(C) do
  if type(fn) == "function" then
    methods[name] = function(self, ...) return ustr[name](self.s, ...) end
  end
end
for name in pairs(returns_text) do
  methods[name] = function(self, ...) return ustr.wrap(ustr[name](self.s, ...)) end
end

--- The plain string inside.
function methods.str(self) return self.s end

Wrapped.__index = methods
function Wrapped.__tostring(self) return self.s end
function Wrapped.__len(self) return C.len(self.s) end
function Wrapped.__eq(a, b) return a.s == b.s end
function Wrapped.__concat(a, b)
  local x = getmetatable(a) == Wrapped and a.s or a
  local y = getmetatable(b) == Wrapped and b.s or b
  return ustr.wrap(x .. y)
end

--- S as a value with the functions above as methods: #w counts code
-- points, tostring(w) or w:str() gives the string back.
function ustr.wrap(s)
  if getmetatable(s) == Wrapped then return s end
  return setmetatable({s = checkstring(s, 1, "wrap")}, Wrapped)
end

return ustr
