--- quire.export: records out to other tools, through format modules.
--
--   local w = quire.export.jsonl("out.jsonl")     -- or a file handle, e.g. io.stdout
--   for rec in quire.open("posts/") do w:write(rec) end
--   w:close()
--
-- A format is a file lua/quire/export/NAME.lua (bundled, or your own copy
-- in ~/.config/quire/lua/quire/export/) returning a table:
--   summary   one line for --help
--   target    "file" (a file or stdout), "folder" (one file per record) or "database"
--   needs     optional {markdown = true}: extra row fields the format uses
--   open(target, opts) -> state       target: {path = ..., file = ...}
--   write(state, row)                 row: see export.row
--   close(state) -> a one-line summary, or nil, message

local cjson = require("cjson").new()
cjson.encode_invalid_numbers(true)
cjson.encode_sparse_array(true)

local export = {}

--- The fields every format carries, in output order.
export.fields = {"path", "title", "date", "time", "source", "categories", "author", "tags",
                 "origin", "editor", "text"}

--- JSON for VALUE as quire writes it: UTF-8 unescaped, "/" unescaped,
-- empty tables as [] (a record's lists are the tables that can be empty).
function export.json(value)
  if type(value) == "table" and next(value) == nil then return "[]" end
  return (cjson.encode(value):gsub("\\/", "/"))
end

-- V with every map key JSON can carry: YAML allows lists, maps, booleans
-- and null as keys; those become their JSON text (null is the key "null").
local function json_keys(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do
    local kt = type(k)
    if kt == "table" then
      local ok, text = pcall(export.json, json_keys(k))
      k = ok and text or tostring(k)
    elseif kt ~= "string" and kt ~= "number" then
      k = tostring(k)
    end
    out[k] = json_keys(x)
  end
  return out
end

--- Plain values of REC for writing (what workers send back): the fields
-- above, plus error, hash, meta, images, rel (the path relative to the
-- archive it came from), the extra FIELDS asked for (record fields or
-- front matter keys), and markdown when NEEDS.markdown.
-- opts.raw takes the body's whole text instead of the cleaned article.
function export.row(rec, opts)
  opts = opts or {}
  local row = {
    path = rec.path, title = rec.title, date = rec.date, time = rec.time,
    source = rec.source, categories = rec.categories, author = rec.author,
    tags = rec.tags, error = rec.error, hash = rec.hash, meta = json_keys(rec.meta),
  }
  if rec.body then
    if opts.raw then
      row.text = rec:dom():text()
      if opts.needs and opts.needs.markdown then row.markdown = rec:dom():markdown() end
    else
      rec:clean(opts.clean)
      row.text = rec:text()
      row.origin, row.editor, row.images = rec.origin, rec.editor, rec.images
      if opts.needs and opts.needs.markdown then row.markdown = rec:markdown() end
    end
  elseif rec.cleaned then
    -- read back from JSON Lines: the article it carries goes out again
    row.text = rec:text()
    row.origin, row.editor, row.images = rec.origin, rec.editor, rec.images
    if opts.needs and opts.needs.markdown then row.markdown = rec:markdown() end
  end
  for _, root in ipairs(opts.roots or {}) do
    local prefix = root:gsub("/+$", "") .. "/"
    if rec.path and rec.path:sub(1, #prefix) == prefix then
      row.rel = rec.path:sub(#prefix + 1)
      break
    end
  end
  row.rel = row.rel or (rec.path or "record"):gsub("^[./]+", "")
  if opts.fields then
    row.extra = {}
    for _, name in ipairs(opts.fields) do
      local v = rec[name]
      if v == nil then v = rec.meta[name] end
      if type(v) == "function" then v = nil end
      row.extra[name] = json_keys(v)
    end
  end
  return row
end

--- The format module NAME, or nil, message.
function export.format(name)
  if type(name) ~= "string" or not name:match("^[%w_%-]+$") then
    return nil, string.format("no export format '%s'", tostring(name))
  end
  local ok, fmt = pcall(require, "quire.export." .. name)
  if not ok then
    if tostring(fmt):find("module 'quire.export." .. name .. "' not found", 1, true) then
      return nil, string.format("no export format '%s' (formats: %s)", name, table.concat(export.names(), ", "))
    end
    return nil, tostring(fmt)
  end
  for _, f in ipairs {"open", "write", "close"} do
    if type(fmt[f]) ~= "function" then
      return nil, string.format("export format '%s' has no %s function", name, f)
    end
  end
  return fmt
end

--- The names of the bundled formats and those in the look-up folders.
function export.names()
  local bundle = require "quire.c.bundle"
  local sys = require "quire.c.sys"
  local seen, names = {}, {}
  local function add(n) if n and n ~= "init" and not seen[n] then seen[n] = true; names[#names + 1] = n end end
  for _, path in ipairs(bundle.list()) do add(path:match("^quire/export/([%w_%-]+)%.lua$")) end
  for _, dir in ipairs(bundle.dirs()) do
    for _, f in ipairs(sys.list(dir .. "/quire/export") or {}) do add(f:match("^([%w_%-]+)%.lua$")) end
  end
  table.sort(names)
  return names
end

--- For stream formats: opens TARGET (a path written atomically, or an open
-- file) and returns {file = ..., out = atomic output or nil}.
function export.open_stream(target)
  if target.path then
    local out, err = require("quire.atomic").open(target.path)
    if not out then return nil, err end
    return {file = out.file, out = out}
  end
  return {file = target.file}
end

--- Finishes a stream from open_stream: renames the file into place, or
-- flushes the stream. Returns true, or nil, message.
function export.close_stream(stream)
  if stream.out then return stream.out:commit() end
  stream.file:flush()
  return true
end

local Writer = {}
Writer.__index = Writer

--- A writer for format NAME to TARGET (a path, or an open file for
-- formats that stream). w:write(rec_or_row) and w:close().
function export.writer(name, target, opts)
  opts = opts or {}
  local fmt = assert(export.format(name))
  local t = io.type(target) and {file = target} or {path = target}
  local state = assert(fmt.open(t, opts))
  return setmetatable({fmt = fmt, state = state, opts = opts}, Writer)
end

function Writer:write(rec)
  local row = getmetatable(rec) == require("quire.record").Record
    and export.row(rec, setmetatable({needs = self.fmt.needs}, {__index = self.opts})) or rec
  self.fmt.write(self.state, row)
end

function Writer:close()
  return self.fmt.close(self.state)
end

-- quire.export.jsonl(target, opts) and so on for every format.
return setmetatable(export, {__index = function(_, name)
  if type(name) == "string" and export.format(name) then
    return function(target, opts) return export.writer(name, target, opts) end
  end
end})
