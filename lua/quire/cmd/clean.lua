--- quire clean: the article text of every record, without boilerplate.
-- See lua/quire/clean.lua for how cleaning works and
-- lua/quire/profiles/ for the per-source rules.

local quire = require "quire"
local clean = require "quire.clean"
local ustr = require "quire.ustr"
local cjson = require("cjson").new()
local find = string.find

local formats = {"text", "markdown", "html", "jsonl"}

local function say(fmt, ...)
  io.stderr:write("quire: ", string.format(fmt, ...), "\n")
end

-- cjson writes "\/" for "/"; JSON needs no escape there. Most strings
-- have no slash: a plain find spares them the pattern scan.
local encode_raw = cjson.encode
local function encode(v)
  local s = encode_raw(v)
  if find(s, "\\/", 1, true) then s = s:gsub("\\/", "/") end
  return s
end

-- Strings, nearly all of the output, are quoted in C (json_quote, and
-- json_join below): the bytes encode() gives (cjson's escapes, '/' left
-- alone) without the pattern pass over every string that holds HTML.
-- Other values (numbers, booleans, item lists) still go through encode.
local quote = require("quire.c.dom").json_quote

-- Block fields in a fixed order, so output does not depend on hashing.
local BLOCK_KEYS = {"kind", "level", "text", "items", "ordered", "src", "alt", "caption", "html"}
-- '"kind":' for the first field of a block, ',"kind":' for the others
local FIRST, NEXT = {}, {}
for _, k in ipairs(BLOCK_KEYS) do FIRST[k], NEXT[k] = '"' .. k .. '":', ',"' .. k .. '":' end

-- '{"kind":"para"' and the like, by kind: the few kinds there are, quoted once.
local OPEN = setmetatable({}, {__index = function(t, kind)
  local s = "{" .. FIRST.kind .. quote(kind)
  t[kind] = s
  return s
end})

-- JSON lines are made as a list of pieces for json_join: raw JSON at odd
-- positions and, at even ones, a string it quotes (or false for none).
local join = require("quire.c.dom").json_join

-- Appends block B's pieces to OUT after N pieces; returns the new N.
local function encode_block(out, n, b)
  local lead, first = FIRST, 1
  local kind = b.kind
  if type(kind) == "string" then
    -- the usual block: its kind first, quoted once per kind
    out[n + 1], out[n + 2] = OPEN[kind], false
    lead, first = NEXT, 2
  else
    out[n + 1], out[n + 2] = "{", false
  end
  n = n + 2
  for i = first, #BLOCK_KEYS do
    local k = BLOCK_KEYS[i]
    local v = b[k]
    if v ~= nil then
      if type(v) == "string" then
        out[n + 1], out[n + 2] = lead[k], v
      else
        out[n + 1], out[n + 2] = lead[k] .. encode(v), false
      end
      n = n + 2
      lead = NEXT
    end
  end
  out[n + 1], out[n + 2] = "}", false
  return n + 2
end

-- '"path":' and ',"path":' for the record's fields.
local FIELD_FIRST, FIELD_NEXT = {}, {}
for _, k in ipairs {"path", "title", "date", "source", "origin", "editor", "text"} do
  FIELD_FIRST[k], FIELD_NEXT[k] = '"' .. k .. '":', ',"' .. k .. '":'
end

-- The pieces of a record's JSON line up to the text's value: its fields
-- in a fixed order, then '"text":'. Returns the pieces and their count.
local function head(rec)
  local out, n = {"{", false}, 2
  local function field(k, v)
    if v ~= nil then
      local lead = n > 2 and FIELD_NEXT[k] or FIELD_FIRST[k]
      if type(v) == "string" then
        out[n + 1], out[n + 2] = lead, v
      else
        out[n + 1], out[n + 2] = lead .. encode(v), false
      end
      n = n + 2
    end
  end
  field("path", rec.path)
  field("title", rec.title)
  field("date", rec.date)
  field("source", rec.source)
  field("origin", rec.origin)
  field("editor", rec.editor)
  out[n + 1], out[n + 2] = n > 2 and FIELD_NEXT.text or FIELD_FIRST.text, false
  return out, n + 2
end

-- One record as a JSON line: fields in a fixed order, blocks always an
-- array (cjson would write {} for an empty table), joined once.
local function jsonl(rec, blocks)
  local out, n = head(rec)
  out[n + 1], out[n + 2] = "", clean.text(blocks)
  out[n + 3], out[n + 4] = ',"blocks":[', false
  n = n + 4
  for i = 1, #blocks do
    if i > 1 then out[n + 1], out[n + 2] = ",", false; n = n + 2 end
    n = encode_block(out, n, blocks[i])
  end
  out[n + 1], out[n + 2] = "]}\n", false
  return join(out, n + 2)
end

-- The same line written in C from the document's article, the blocks the
-- cleaner kept (dom.art_jsonl reads their nodes for the html), with no
-- table per block.
local art_jsonl = require("quire.c.dom").art_jsonl
local function jsonl_raw(rec, raw, doc)
  if doc == nil then return jsonl(rec, raw) end  -- a record read back from JSON Lines
  return art_jsonl(doc, join(head(rec)))
end

local function escape_html(s)
  return (s:gsub("[&<>\"]", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}))
end

-- What --explain prints for one record.
local function explain(rec, blocks, report)
  local out = {string.format("%s (profile %s, %d blocks kept)\n", rec.path or "?",
    report.profile or "none", #blocks)}
  for _, r in ipairs(report.removed or {}) do
    out[#out + 1] = string.format("  - %-28s %s  %s\n", r.rule, r.path, r.text)
  end
  local keys = {}
  for k in pairs(report.meta) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    out[#out + 1] = string.format("  = %s: %s\n", k, ustr.truncate(report.meta[k], 40))
  end
  out[#out + 1] = "\n"
  return table.concat(out)
end

-- The output of one record in FORMAT.
local function render(rec, format, opts)
  local copts = {profile = opts.profile, explain = opts.explain, markdown = format == "markdown"}
  if format == "jsonl" and not opts.explain then
    return rec:clean_with(copts, function(raw, _, doc) return jsonl_raw(rec, raw, doc) end)
  end
  local blocks, report = rec:clean(copts)
  if opts.explain then return explain(rec, blocks, report) end
  if format == "jsonl" then return jsonl(rec, blocks) end
  if format == "markdown" then
    local head = rec.title and ("# " .. rec.title .. "\n\n") or ""
    local body = clean.markdown(blocks)
    return head .. body .. (body ~= "" and "\n\n" or "")
  end
  if format == "html" then
    local h = {"<article>\n"}
    if rec.title then h[#h + 1] = "<h1>" .. escape_html(rec.title) .. "</h1>\n" end
    for _, b in ipairs(blocks) do h[#h + 1] = b.html .. "\n" end
    h[#h + 1] = "</article>\n"
    return table.concat(h)
  end
  local text = clean.text(blocks)
  return "==> " .. (rec.path or "?") .. " <==\n" .. text .. (text ~= "" and "\n\n" or "\n")
end

local HTML_HEAD = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>quire clean</title></head><body>\n'
local HTML_TAIL = "</body></html>\n"

-- Opens the output: stdout, or a temporary file beside OUT renamed when
-- the run completes (an interrupted run leaves OUT as it was).
local function open_output(path)
  if not path or path == "-" then return io.stdout, function() return true end end
  local tmp = string.format("%s.tmp-%d", path, require("quire.c.sys").pid())
  local f, err = io.open(tmp, "wb")
  if not f then return nil, err end
  return f, function(ok)
    local closed, cerr = f:close()
    if not ok or not closed then
      os.remove(tmp)
      return false, cerr
    end
    local renamed, rerr = os.rename(tmp, path)
    if not renamed then os.remove(tmp); return false, rerr end
    return true
  end
end

local function run(ctx)
  local opts = ctx.opts
  if #ctx.args == 0 then
    say("clean needs an ARCHIVE (see 'quire clean --help')")
    return 2
  end
  local profile = opts.profile or "auto"
  if profile ~= "auto" and profile ~= "none" then
    local known = false
    for _, n in ipairs(clean.profile_names()) do known = known or n == profile end
    if not known then
      say("no profile '%s' (profiles: %s, auto, none)", profile, table.concat(clean.profile_names(), ", "))
      return 2
    end
  end
  -- load the profiles once here, so workers inherit them and a broken
  -- profile is reported once
  if profile == "auto" then clean.choose(nil, nil) elseif profile ~= "none" then clean.profile(profile) end

  if opts.learn then
    local learn = require "quire.clean.learn"
    return learn.run(ctx)
  end

  local format = opts.format or "text"
  local out, finish = open_output(opts.output)
  if not out then say("%s", finish); return 1 end
  local ok, err = pcall(function()
    if format == "html" and not opts.explain then out:write(HTML_HEAD) end
    quire.map(nil, function(rec)
      if rec.error and not rec.body then return nil end
      return render(rec, format, {profile = profile, explain = opts.explain})
    end, {sink = out})
    if format == "html" and not opts.explain then out:write(HTML_TAIL) end
  end)
  local done, ferr = finish(ok)
  if not ok then error(err, 0) end
  if not done then say("cannot write %s: %s", opts.output, ferr); return 1 end
  return 0
end

return {
  summary = "the article text of each record, boilerplate removed",
  usage = "quire clean ARCHIVE... [--format text|markdown|html|jsonl] [--profile NAME|none|auto] [--explain] [--learn]",
  help = [[
Each record's body (or a plain HTML page) is cleaned by its source's
profile (lua/quire/profiles/NAME.lua, chosen by the feed's name or by
matching the body) and then by the generic extractor, which keeps the main
content and drops navigation, footers, share bars, related lists, comments
and promotions. Metadata lines in the body (来源：..., 责任编辑：...) become
fields (origin, editor) instead of text.

  --explain   list, per record, what was removed: rule, node path, text
  --learn     find blocks that repeat across the posts of a source and
              print a suggested profile for each (with -o DIR: write them
              there as learned_SOURCE.lua) for you to review and keep

Profiles are Lua files: copy one out with 'quire eject profiles/sina'.]],
  options = {
    {long = "--format", arg = "FMT", choices = formats, default = "text", help = "output format"},
    {long = "--profile", arg = "NAME", help = "profile to use: a name, none (generic only) or auto (default)"},
    {long = "--explain", help = "print what was removed from each record and why"},
    {long = "--learn", help = "suggest profile rules from blocks that repeat across posts"},
  },
  run = run,
}
