--- quire.record: one post as a record.
-- Fields: path, meta (the whole front matter), title, date (ISO 8601 UTC),
-- time (epoch seconds), categories, source (the feed), author, tags,
-- body (raw HTML), error (nil, or why the file could not be read whole),
-- warnings (nil, or a list of lesser problems).

local C = require "quire.c.record"
local yaml = require "quire.yaml"
local cdate = require "quire.c.date"

local record = {}

--- Defaults for parse and open; callers pass their own opts to override.
record.defaults = {
  tz = "Asia/Shanghai",      -- zone of dates written without one
  max_bytes = 16 * 1024 * 1024, -- larger files give an error record
  source = 2,                -- which category names the feed (see record.source)
}

local Record = {}
Record.__index = Record
Record.__name = "quire.Record"
record.Record = Record

function Record:__tostring()
  return string.format("quire.Record(%s)", self.path or "?")
end

--- The body parsed as an HTML document (quire.dom), parsed once and cached.
function Record:dom()
  local doc = self._dom
  if doc == nil or doc:closed() then
    doc = require("quire.dom").parse(self.body or "")
    self._dom = doc
  end
  return doc
end

local function add_warning(rec, msg)
  local w = rec.warnings
  if not w then w = {}; rec.warnings = w end
  w[#w + 1] = msg
end

-- Strings from a YAML value: a string, a number, or a (nested) list of them.
local function flatten(value, out)
  out = out or {}
  local t = type(value)
  if t == "string" then
    if value ~= "" then out[#out + 1] = value end
  elseif t == "number" or t == "boolean" then
    out[#out + 1] = tostring(value)
  elseif t == "table" then
    for _, v in ipairs(value) do flatten(v, out) end
  end
  return out
end

local function scalar_string(value)
  local t = type(value)
  if t == "string" then return value end
  if t == "number" or t == "boolean" then return tostring(value) end
  return nil
end

--- The feed a record came from, by RULE: an integer picks that category
-- (the default 2: for categories [金融, 新浪财经, 新浪财经－国內] the feed is
-- 新浪财经), falling back to the author and then the first category; a
-- string names a meta field; a function(rec) decides.
function record.source(rec, rule)
  rule = rule or record.defaults.source
  if type(rule) == "function" then return rule(rec) end
  if type(rule) == "string" then return scalar_string(rec.meta[rule]) end
  local cats = rec.categories
  return cats[rule] or rec.author or cats[1]
end

-- A value as written, without its quotes only when they quote the whole
-- of it: a broken value such as """""""'第1集'""""""" keeps every character
-- rather than losing one quote from each end.
local function lenient_scalar(value)
  local inner = value:match("^'(.*)'$")
  if inner and not inner:gsub("''", ""):find("'", 1, true) then
    return (inner:gsub("''", "'"))
  end
  inner = value:match('^"(.*)"$')
  if inner and not inner:gsub("\\.", ""):find('"', 1, true) then return inner end
  return value
end

-- Front matter that libyaml rejects, read line by line so a record still
-- has its title and date: "key: value" lines, "- item" lists, and lines
-- that continue a value (a title broken over lines), joined with a space.
-- Continuation lines count only when another key follows them, so the body
-- after an unclosed front matter is not glued onto its last field.
local function lenient_meta(text)
  local meta, list, last, pending = {}, nil, nil, {}
  for line in text:gmatch("[^\n]*") do
    line = line:gsub("\r$", "")
    local key, value = line:match("^([%w_][%w_%-]*):%s*(.-)%s*$")
    if key then
      if last and #pending > 0 then
        meta[last] = meta[last] .. " " .. table.concat(pending, " ")
      end
      pending = {}
      if value == "" then
        list = {}
        meta[key] = list
        last = nil
      else
        meta[key] = lenient_scalar(value)
        list, last = nil, key
      end
    else
      local item = line:match("^%s*%-%s+(.-)%s*$")
      local more = line:match("^%s*(.-)%s*$")
      if item and list then
        item = item:match("^%-%s+(.*)$") or item
        list[#list + 1] = item
      elseif last and more ~= "" and not item then
        pending[#pending + 1] = more
      end
    end
  end
  return meta
end

local function lift_date(rec, meta, tz)
  local value = meta.date
  if value == nil then return end
  if math.type(value) == "integer" then
    -- YAML reads "date: 20210809" as a number; it is a compact date, not
    -- 20 million seconds after 1970
    local t, iso = cdate.parse(tostring(value), tz)
    if t then
      rec.time, rec.date = t, iso
      return
    end
    -- epoch seconds, or milliseconds from JavaScript tools
    t = value > 1e11 and value // 1000 or value
    rec.time, rec.date = t, cdate.iso(t)
    return
  end
  local text = scalar_string(value)
  local t, iso = nil, nil
  if text then t, iso = cdate.parse(text, tz) end
  if t then
    rec.time, rec.date = t, iso
  else
    add_warning(rec, iso or "date: not a date")
  end
end

local function lift_fields(rec, meta, opts)
  rec.title = scalar_string(meta.title)
  rec.categories = flatten(meta.categories or meta.category)
  rec.tags = flatten(meta.tags or meta.tag)
  local author = meta.author
  if type(author) == "table" then author = author.name or author[1] end
  rec.author = scalar_string(author)
  lift_date(rec, meta, opts.tz or record.defaults.tz)
  rec.source = record.source(rec, opts.source)
end

local function fail(rec, msg)
  if not rec.error then rec.error = msg end
end

local function is_html_path(path)
  local lower = path:lower()
  return lower:sub(-5) == ".html" or lower:sub(-4) == ".htm"
end

-- The rest of record.parse, on the parts C.split gave (read_split too).
local function parse_parts(rec, opts, status, text, body, line)
  local path = rec.path
  rec.body = body
  if status == "none" then
    if not (path and is_html_path(path)) then
      fail(rec, "no front matter (the file does not start with a --- line)")
    end
    return rec
  elseif status == "unterminated" then
    fail(rec, string.format("front matter not closed (--- on line %d has no closing ---)", line - 1))
    rec.body = nil
    rec.meta = lenient_meta(text)
    lift_fields(rec, rec.meta, opts)
    return rec
  end

  local meta, err, errline = yaml.load(text)
  if err and type(err) == "string" then
    fail(rec, string.format("front matter: line %d: %s", line + (errline or 1) - 1, err))
    meta = lenient_meta(text)
  elseif meta == nil then
    meta = {}
  elseif type(meta) ~= "table" then
    fail(rec, "front matter is a " .. type(meta) .. ", not a map of fields")
    meta = {}
  elseif meta[1] ~= nil then  -- map keys are strings: this is a sequence
    fail(rec, "front matter is a list, not a map of fields")
    meta = {}
  elseif type(err) == "table" then
    add_warning(rec, "front matter: duplicate keys (the last one wins): " .. table.concat(err, ", "))
  end
  rec.meta = meta
  lift_fields(rec, meta, opts)
  return rec
end

--- Parses BYTES (a post's whole text) read from PATH into a record.
-- Never raises for bad input: problems go to rec.error / rec.warnings.
-- opts: tz, source (see record.defaults), hash (set rec.hash, a fingerprint
-- of the file's bytes, for exports that update only changed posts).
function record.parse(bytes, path, opts)
  assert(type(bytes) == "string", "bytes must be a string")
  opts = opts or {}
  local rec = setmetatable({path = path, meta = {}, categories = {}, tags = {}}, Record)

  if #bytes == 0 then
    fail(rec, "empty file")
    return rec
  end
  local problem, offset = C.check(bytes)
  if problem == "utf8" then
    -- a NUL anywhere means binary (an image starts with bytes that are not
    -- UTF-8 before its first NUL); say that rather than "invalid UTF-8"
    local nul = bytes:find("\0", offset + 1, true)
    if nul then problem, offset = "nul", nul - 1 end
  end
  if problem == "nul" then
    fail(rec, string.format("binary file (NUL byte at offset %d)", offset))
    return rec
  elseif problem == "cut" then
    -- a UTF-8 file cut off inside its last character loses only that one
    add_warning(rec, string.format(
      "the file ends inside a UTF-8 character: its last %d byte(s) were dropped", #bytes - offset))
    bytes = bytes:sub(1, offset)
  elseif problem == "utf8" then
    -- a post saved in GBK or Big5 is read as such, with a warning
    local ustr = require "quire.ustr"
    local enc = ustr.guess(bytes)
    local decoded = (enc == "GB18030" or enc == "BIG5") and ustr.decode(bytes, enc)
    if decoded then
      bytes = decoded
      add_warning(rec, "decoded from " .. enc)
    else
      fail(rec, string.format("invalid UTF-8 at byte %d", offset))
    end
  end

  if opts.hash then rec.hash = C.hash(bytes) end
  return parse_parts(rec, opts, C.split(bytes))
end

--- Reads and parses the post at PATH. Never raises for bad input.
function record.read(path, opts)
  opts = opts or {}
  local max = opts.max_bytes or record.defaults.max_bytes
  if not opts.hash then
    -- the usual post (whole, valid UTF-8) read, checked and split in C
    local split, status, text, body, line = C.read_split(path, max)
    if split then
      local rec = setmetatable({path = path, meta = {}, categories = {}, tags = {}}, Record)
      return parse_parts(rec, opts, status, text, body, line)
    elseif split == false and status then
      return record.parse(status, path, opts)  -- its bytes, for the checks
    elseif split == nil then
      return setmetatable({path = path, meta = {}, categories = {}, tags = {},
                           error = "cannot read: " .. status}, Record)
    end
  end
  local bytes, whole, size = C.read(path, max)
  if not bytes then
    return setmetatable({path = path, meta = {}, categories = {}, tags = {},
                         error = "cannot read: " .. whole}, Record)
  end
  if whole then return record.parse(bytes, path, opts) end
  -- too large: keep what the head tells (front matter), drop the body
  local rec = record.parse(bytes, path, opts)
  rec.body = nil
  rec.error = string.format("file too large (%d bytes, limit %d; raise it with --max-bytes)", size, max)
  return rec
end

return record
