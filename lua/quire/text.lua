--- quire.text: words of Chinese (and mixed) text.
--
--   local text = require "quire.text"        -- also quire.text
--   text.words("江苏省长吴政隆在扬州部署疫情防控")  --> {"江苏", "省长", ...}
--   text.words("M1 Max 芯片支持 5G", {punct = true})
--   text.content("...")      -- the words keywords count: no stop words, ...
--   text.add_word("吴政隆"); text.load_terms("terms.txt")
--
-- Han runs are segmented by libfriso over Debian's friso-dict dictionary,
-- loaded once per process on first use; Latin words, numbers and mixed
-- tokens (COVID-19, 5G, M1 Max) stay whole (see src/segment.h).
--
-- User dictionaries ("terms files": one term per line, anything after a
-- tab or space ignored, # starts a comment) are loaded with the
-- dictionary from, in order: $XDG_CONFIG_HOME/quire/terms.txt (default
-- ~/.config/quire/terms.txt) unless -E was given, then every path in
-- text.terms_files (commands add --terms FILE there).

local C = require "quire.c.segment"
local bundle = require "quire.c.bundle"

local text = {}

local function set(list)
  local s = {}
  for _, w in ipairs(list) do s[w] = true end
  return s
end

--- The stop words, a set: text.stopwords["的"] == true. Edit it freely
-- (text.stopwords["扬州"] = true), or eject quire/stopwords.lua.
text.stopwords = set(require "quire.stopwords")

--- Folder of the friso dictionary (with friso.lex.ini); nil means
-- $QUIRE_FRISO_DICT, else Debian's /usr/share/friso/dict/UTF-8/.
text.dict = nil

--- Extra terms files loaded with the dictionary (see the module comment).
text.terms_files = {}

--- Longest user term, in Han characters.
text.max_term = C.max_word

local segmenter
local pending = {}  -- words added before the dictionary was loaded

--- The user's own terms file in the config folder, or nil (under -E, or
-- when neither XDG_CONFIG_HOME nor HOME is set).
function text.user_terms_file()
  if bundle.noenv() then return nil end
  local base = os.getenv("XDG_CONFIG_HOME")
  if not base or base == "" then
    local home = os.getenv("HOME")
    if not home or home == "" then return nil end
    base = home .. "/.config"
  end
  return base .. "/quire/terms.txt"
end

-- Terms in the file at PATH: a list, or nil, message.
local function read_terms(path)
  local f, err = io.open(path, "r")
  if not f then return nil, err end
  local list = {}
  for line in f:lines() do
    local term = line:gsub("#.*$", ""):match("^%s*([^%s]+)")
    if term then list[#list + 1] = term end
  end
  f:close()
  return list
end

--- The shared segmenter, loading the dictionary and terms files on first
-- use. Raises if the dictionary cannot be found.
function text.segmenter()
  if segmenter then return segmenter end
  local dir = text.dict or os.getenv("QUIRE_FRISO_DICT")
  if dir == "" then dir = nil end
  local seg, err = C.open(dir)
  if not seg then error("quire.text: " .. err, 2) end
  segmenter = seg
  local files = {}
  local user = text.user_terms_file()
  local fh = user and io.open(user, "r")
  if fh then
    fh:close()
    files[1] = user
  end
  for _, f in ipairs(text.terms_files) do files[#files + 1] = f end
  for _, path in ipairs(files) do
    local list, rerr = read_terms(path)
    if not list then error("quire.text: cannot read terms file " .. rerr, 2) end
    for _, w in ipairs(list) do seg:add(w) end
  end
  for _, w in ipairs(pending) do seg:add(w) end
  pending = {}
  return seg
end

--- Whether the dictionary has been loaded in this process.
function text.loaded()
  return segmenter ~= nil
end

--- The words of S in order (a list of strings); opts.punct keeps
-- punctuation tokens too. White space is never a word.
function text.words(s, opts)
  if type(s) ~= "string" then
    error("bad argument #1 to 'quire.text.words' (string expected, got " .. type(s) .. ")", 2)
  end
  return text.segmenter():words(s, opts and opts.punct)
end

--- Every token of S and its kind: words, kinds ("word", "latin",
-- "number" or "punct").
function text.tokens(s)
  if type(s) ~= "string" then
    error("bad argument #1 to 'quire.text.tokens' (string expected, got " .. type(s) .. ")", 2)
  end
  return text.segmenter():tokens(s)
end

--- Adds WORD (2 to text.max_term Han characters) to the dictionary of
-- this process. Returns true if added, false if known, nil, message if
-- it cannot be a dictionary word.
function text.add_word(word)
  if segmenter then return segmenter:add(word) end
  local ulen = utf8.len(word)
  if not ulen or ulen < 2 or ulen > text.max_term or word:find("[%z\1-\127]") then
    return nil, string.format("'%s' is not 2 to %d Han characters", word, text.max_term)
  end
  pending[#pending + 1] = word
  return true
end

--- Whether WORD is in the dictionary (with user words).
function text.known(word)
  return text.segmenter():has(word)
end

--- Adds the terms in the file at PATH now, and to every later load.
-- Returns the number of terms read, or nil, message.
function text.load_terms(path)
  local list, err = read_terms(path)
  if not list then return nil, "cannot read terms file " .. err end
  text.terms_files[#text.terms_files + 1] = path
  if segmenter then
    for _, w in ipairs(list) do segmenter:add(w) end
  end
  return #list
end

-- A word keywords can be: not a stop word, not punctuation, not a
-- number, and more than one character.
local function is_content(w, kind)
  if kind == "punct" or kind == "number" then return false end
  if text.stopwords[w] then return false end
  if kind == "latin" then
    if #w < 2 or text.stopwords[w:lower()] then return false end
    return not w:find("^[%d%p]+$")
  end
  return utf8.len(w) ~= 1
end
text.is_content = is_content

--- The content words of S (keywords' candidates), in order.
function text.content(s)
  local words, kinds = text.tokens(s)
  local out = {}
  for i, w in ipairs(words) do
    if is_content(w, kinds[i]) then out[#out + 1] = w end
  end
  return out
end

return text
