--- quire.repl: the interactive prompt (`quire repl [ARCHIVE...]`).
-- Like lua(1): a line is tried as `return <line>` first, then as a
-- statement, and input goes on while the chunk is incomplete. Unlike it,
-- values print through quire.pretty, `_` holds the last result and
-- `local` declarations stay for the following lines.

local pretty = require "quire.pretty"
local sys = require "quire.c.sys"
local bundle = require "quire.c.bundle"

local repl = {}

-- Names a chunk declared `local`, and their values: the REPL rewrites a
-- top-level `local x = 1` to `x = 1`, and the chunks' environment sends
-- declared names here and every other name to _G.
local declared, values = {}, {}

--- The environment every chunk typed at the prompt runs in.
repl.env = setmetatable({}, {
  __index = function(_, k)
    if declared[k] then return values[k] end
    return _G[k]
  end,
  __newindex = function(_, k, v)
    if declared[k] then values[k] = v else _G[k] = v end
  end,
})

-- Tokens of Lua source with their positions: name, string, number,
-- symbol; comments and spaces skipped. Returns nil for an unfinished string
-- or comment (load then tells the chunk is incomplete).
local function tokens(src)
  local out, i, n = {}, 1, #src
  while i <= n do
    local c = src:sub(i, i)
    if c:match("%s") then
      i = src:find("[^%s]", i) or n + 1
    elseif src:sub(i, i + 1) == "--" then
      local eqs = src:match("^%[(=*)%[", i + 2)
      if eqs then
        local _, e = src:find("]" .. eqs .. "]", i, true)
        if not e then return nil end
        i = e + 1
      else
        i = (src:find("\n", i, true) or n) + 1
      end
    elseif c == '"' or c == "'" then
      local j = i + 1
      while true do
        local ch = src:sub(j, j)
        if ch == "" or ch == "\n" then return nil end
        if ch == "\\" then j = j + 2
        elseif ch == c then break
        else j = j + 1 end
      end
      out[#out + 1] = {kind = "string", s = i, e = j}
      i = j + 1
    elseif c == "[" and src:match("^%[=*%[", i) then
      local eqs = src:match("^%[(=*)%[", i)
      local _, e = src:find("]" .. eqs .. "]", i, true)
      if not e then return nil end
      out[#out + 1] = {kind = "string", s = i, e = e}
      i = e + 1
    elseif c:match("[%a_]") then
      local e = select(2, src:find("^[%w_]*", i + 1))
      out[#out + 1] = {kind = "name", text = src:sub(i, e), s = i, e = e}
      i = e + 1
    elseif c:match("%d") or (c == "." and src:match("^%.%d", i)) then
      local e = select(2, src:find("^[%w_%.]*", i))
      if src:match("^[eEpP][%+%-]", e) then e = select(2, src:find("^[%w_%.]*", e + 2)) end
      out[#out + 1] = {kind = "number", s = i, e = e}
      i = e + 1
    else
      out[#out + 1] = {kind = "symbol", text = c, s = i, e = i}
      i = i + 1
    end
  end
  return out
end

--- SRC with its top-level `local` declarations turned into assignments,
-- and the names they declare. Lines and columns before each edit stay
-- where they were, so error messages point at what was typed.
function repl.rewrite_locals(src)
  local toks = tokens(src)
  if not toks then return src, {} end
  local edits, names, stack = {}, {}, {}
  local i = 1
  while i <= #toks do
    local t = toks[i]
    local w = t.kind == "name" and t.text
    if w == "function" or w == "if" or w == "repeat" then
      stack[#stack + 1] = w
    elseif w == "while" or w == "for" then
      stack[#stack + 1] = "header"
    elseif w == "do" then
      if stack[#stack] == "header" then stack[#stack] = "do" else stack[#stack + 1] = "do" end
    elseif w == "end" or w == "until" then
      stack[#stack] = nil
    elseif w == "local" and #stack == 0 then
      local nxt = toks[i + 1]
      if nxt and nxt.kind == "name" and nxt.text == "function" then
        edits[#edits + 1] = {t.s, t.e, ""}
        if toks[i + 2] and toks[i + 2].kind == "name" then names[#names + 1] = toks[i + 2].text end
      else
        edits[#edits + 1] = {t.s, t.e, ""}
        local j, last = i + 1, nil
        while toks[j] and toks[j].kind == "name" do
          names[#names + 1] = toks[j].text
          last = toks[j]
          j = j + 1
          if toks[j] and toks[j].text == "<" and toks[j + 2] and toks[j + 2].text == ">" then
            edits[#edits + 1] = {toks[j].s, toks[j + 2].e, ""}  -- <const>, <close>
            last = toks[j + 2]
            j = j + 3
          end
          if not (toks[j] and toks[j].text == ",") then break end
          j = j + 1
        end
        if last and not (toks[j] and toks[j].text == "=") then
          edits[#edits + 1] = {last.e + 1, last.e, " = nil"}
        end
        i = j - 1
      end
    end
    i = i + 1
  end
  for k = #edits, 1, -1 do
    local e = edits[k]
    local removed = src:sub(e[1], e[2])
    local keep = removed:gsub("[^\n]", " ")
    src = src:sub(1, e[1] - 1) .. (e[3] ~= "" and e[3] or keep) .. src:sub(e[2] + 1)
  end
  return src, names
end

--- Compiles the text typed so far. Returns the function; or nil, message,
-- incomplete (true when the chunk only needs more lines).
function repl.compile(text)
  local fn = load("return " .. text, "=stdin", "t", repl.env)
  if fn then return fn end
  local rewritten, names = repl.rewrite_locals(text)
  local err
  fn, err = load(rewritten, "=stdin", "t", repl.env)
  if not fn then
    return nil, err, err:sub(-5) == "<eof>"
  end
  for _, name in ipairs(names) do
    if not declared[name] then
      values[name] = repl.env[name]  -- so `local x = x` reads the outer x
      declared[name] = true
    end
  end
  return fn
end

---------------------------------------------------------------- completion

local keywords = {"and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
  "then", "true", "until", "while"}

-- Keys of T and of the tables its metatables' __index lead to (a C
-- closure's first upvalue counts when it is a table: DOM nodes work so).
local function keys_of(v, out, depth)
  depth = depth or 0
  if depth > 4 then return out end
  if type(v) == "table" then
    for k, x in next, v do
      if type(k) == "string" and k:match("^[%a_][%w_]*$") and out[k] == nil then out[k] = x end
    end
  end
  local mt = getmetatable(v)
  if type(mt) ~= "table" then return out end
  local index = rawget(mt, "__index")
  if type(index) == "function" then
    -- a C __index (documents and nodes): its method tables are upvalues
    for i = 1, 8 do
      local name, up = debug.getupvalue(index, i)
      if name == nil then break end
      if type(up) == "table" and up ~= v then keys_of(up, out, depth + 1) end
    end
  elseif type(index) == "table" and index ~= v then
    keys_of(index, out, depth + 1)
  end
  return out
end

-- The value a chain like `quire.record` or `recs[2]` names, or nil.
local function resolve(chain)
  local first, rest = chain:match("^([%a_][%w_]*)(.*)$")
  if not first then return nil end
  local ok, v = pcall(function() return repl.env[first] end)
  if not ok then return nil end
  for sep, key in rest:gmatch("([%.%[])([^%.%[%]]+)%]?") do
    if v == nil then return nil end
    local k = sep == "[" and math.tointeger(tonumber(key)) or key
    if k == nil then return nil end
    ok, v = pcall(function() return v[k] end)
    if not ok then return nil end
  end
  return v
end

local function complete_path(word)
  local dir, prefix = word:match("^(.*/)([^/]*)$")
  if not dir then dir, prefix = "", word end
  local expanded = dir:gsub("^~/", (os.getenv("HOME") or "~") .. "/")
  local names = sys.list(expanded == "" and "." or expanded) or {}
  local out = {}
  for _, name in ipairs(names) do
    if name:sub(1, #prefix) == prefix and (prefix:sub(1, 1) == "." or name:sub(1, 1) ~= ".") then
      local full = dir .. name
      if sys.kind(expanded .. name) == "directory" then full = full .. "/" end
      out[#out + 1] = full
    end
  end
  return out
end

-- Where an unclosed string starts in LINE, or nil.
local function open_string(line)
  local i, quote, start = 1, nil, nil
  while i <= #line do
    local c = line:sub(i, i)
    if quote then
      if c == "\\" then i = i + 1 elseif c == quote then quote = nil end
    elseif c == '"' or c == "'" then
      quote, start = c, i
    elseif line:sub(i, i + 1) == "--" then
      return nil
    end
    i = i + 1
  end
  return quote and start or nil
end

--- Candidates for the word before the cursor in LINE, and the byte where
-- that word starts: file paths inside a string; otherwise globals,
-- locals and keywords, or the fields and methods (through metatables) of
-- what a chain like `rec.meta.` or `s:` names.
function repl.complete(line)
  local q = open_string(line)
  if q then return complete_path(line:sub(q + 1)), q + 1 end
  local chain = line:match("([%a_][%w_]*[%w_%.:%[%]]*)$") or ""
  if chain == "" and line:match("[%.:]$") then return {}, #line + 1 end
  local base, sep, partial = chain:match("^(.*)([%.:])([%w_]*)$")
  local candidates, start = {}, #line - #(partial or chain) + 1
  if base and base ~= "" then
    local v = resolve(base)
    if v == nil then return {}, start end
    for k, x in pairs(keys_of(v, {})) do
      if k:sub(1, #partial) == partial and (sep == "." or type(x) == "function") then
        if not (sep == ":" and k:match("^__")) then
          candidates[#candidates + 1] = type(x) == "function" and k .. "(" or k
        end
      end
    end
  else
    partial = chain
    local seen = {}
    local function add(k, x)
      if type(k) == "string" and not seen[k] and k:sub(1, #partial) == partial and k:match("^[%a_][%w_]*$") then
        seen[k] = true
        candidates[#candidates + 1] = type(x) == "function" and k .. "(" or k
      end
    end
    for k in pairs(declared) do add(k, values[k]) end
    for k, x in pairs(_G) do add(k, x) end
    for _, k in ipairs(keywords) do add(k) end
  end
  table.sort(candidates)
  return candidates, start
end

--------------------------------------------------------------------- help

local docs  -- name -> {name, args, text}, built on first use

-- The `---` doc comments of the bundled modules, one entry per documented
-- public function or field, and the module's own first line.
local function build_docs()
  docs = {}
  for _, path in ipairs(bundle.list()) do
    local mod = path:match("^(quire/.-)%.lua$")
    if mod and not mod:match("^quire/cmd/") then
      mod = mod:gsub("/init$", ""):gsub("/", ".")
      local src = bundle.source(path) or ""
      local tbl = src:match("\nreturn%s+setmetatable%(%s*([%a_][%w_]*)")
        or src:match("\nreturn%s+([%a_][%w_]*)%s*$") or src:match("\nreturn%s+([%a_][%w_]*)")
      local header = src:match("^%-%-%-%s*([^\n]*)")
      if header then docs[mod] = {name = mod, text = header:gsub("^[%w_.]+:%s*", ""), module = true} end
      local block
      for line in src:gmatch("[^\n]*") do
        local doc = line:match("^%-%-%-%s?(.*)$")
        if doc then
          block = {doc}
        elseif block and line:match("^%-%-") then
          block[#block + 1] = line:gsub("^%-%-%s?", "")
        elseif block then
          local owner, sep, fname, args = line:match("^function%s+([%a_][%w_]*)([%.:])([%a_][%w_]*)%s*(%b())")
          local field
          if not owner then
            owner, fname = line:match("^([%a_][%w_]*)%.([%a_][%w_]*)%s*=")
            sep, field = ".", true
          end
          if owner and fname and (owner == tbl or owner:match("^%u")) then
            local prefix = owner == tbl and mod or mod .. "." .. owner
            -- record methods other modules add (quire.clean's rec:text())
            if owner == "Record" then prefix = "quire.record.Record" end
            local name = prefix .. sep .. fname
            local text = table.concat(block, " ")
            if field then
              -- a C function named again (ustr.len = C.len): "--- len(s): ..."
              local a, rest = text:match("^" .. fname .. "(%b())%s*:%s*(.*)$")
              if a then args, field, text = a, false, rest:gsub("^%l", string.upper) end
            end
            local first = text:match("^(.-[%.!?])%s") or text
            docs[name] = {name = name, args = not field and args or nil, text = first}
          end
          block = nil
        end
      end
    end
  end
  return docs
end

-- The value DOC names, reached through package.loaded.
local function value_of(name)
  local best, rest = nil, nil
  for mod in pairs(package.loaded) do
    if type(mod) == "string" and (name == mod or name:sub(1, #mod + 1):match("^" .. mod:gsub("%p", "%%%0") .. "[%.:]$")) then
      if not best or #mod > #best then best = mod end
    end
  end
  if not best then return nil end
  local v = package.loaded[best]
  rest = name:sub(#best + 2)
  for part in rest:gmatch("[^%.:]+") do
    if type(v) ~= "table" then return nil end
    v = rawget(v, part)
  end
  return v
end

local function columns()
  return math.tointeger(tonumber(os.getenv("COLUMNS"))) or pretty.defaults.width
end

local function doc_line(d)
  local head = d.name .. (d.args or "")
  return pretty.truncate(string.format("%-30s %s", head, d.text), math.max(columns(), pretty.width(head) + 20))
end

local function sorted_docs(filter)
  local list = {}
  for _, d in pairs(docs or build_docs()) do
    if filter(d) then list[#list + 1] = d end
  end
  table.sort(list, function(a, b) return a.name < b.name end)
  return list
end

local overview = [[
quire REPL: type Lua; expressions print their value, `_` is the last one.
  archive            the archives given on the command line (archive:open(), archive:files())
  recs               their records as a list read on demand: recs[1], #recs, recs:head(5),
                     recs:where("source == '36kr'"), for i, r in ipairs(recs) do ... end
  show(x [, opts])   print x in full (opts: depth, items, width)
  help(x)            what a function or module does: help(quire), help(quire.open), help "open"
  time(fn, ...)      run fn (or a chunk of Lua in a string), print how long it took
Tab completes names, fields, methods and (inside a string) file paths;
Ctrl-C stops a running loop, Ctrl-D leaves. Modules: ]]

--- Prints one-line docs: help() an overview, help(fn) the function's,
-- help(module) every documented name in it, help "word" the names that
-- contain the word.
function repl.help(x)
  local list
  if x == nil then
    local mods = {}
    for _, d in ipairs(sorted_docs(function(d) return d.module end)) do mods[#mods + 1] = d.name end
    io.stdout:write(overview, table.concat(mods, ", "), "\n")
    return
  elseif type(x) == "string" then
    local all = docs or build_docs()
    if all[x] and all[x].module then
      list = sorted_docs(function(d) return d.name == x or d.name:sub(1, #x + 1) == x .. "." or d.name:sub(1, #x + 1) == x .. ":" end)
    elseif all[x] then
      list = {all[x]}
    else
      list = sorted_docs(function(d) return d.name:find(x, 1, true) ~= nil end)
    end
  else
    if pretty.is_record(x) then x = require("quire.record") end
    local name
    for _, d in ipairs(sorted_docs(function() return true end)) do
      if not name and value_of(d.name) == x then name = d.name end
    end
    if name then return repl.help(name) end
    list = {}
  end
  if #list == 0 then
    io.stdout:write("no documentation for ", type(x) == "string" and x or type(x), "\n")
    return
  end
  for _, d in ipairs(list) do io.stdout:write(doc_line(d), "\n") end
end

------------------------------------------------------------- the helpers

--- Prints X in full: deeper and longer than the REPL's own printing.
function repl.show(x, opts)
  local o = {depth = 6, items = 200, width = columns(), string_width = math.huge}
  for k, v in pairs(opts or {}) do o[k] = v end
  if type(x) == "string" and o.string_width == math.huge then
    io.stdout:write(x, "\n")
  else
    io.stdout:write(pretty.format(x, o), "\n")
  end
end

--- Runs FN(...) (or a string of Lua), prints the seconds it took and
-- returns its results.
function repl.time(fn, ...)
  if type(fn) == "string" then fn = assert(load(fn, "=time", "t", repl.env)) end
  local t0 = sys.now()
  local results = table.pack(fn(...))
  io.stdout:write(string.format("%.3f s\n", sys.now() - t0))
  return table.unpack(results, 1, results.n)
end

local ArchiveView = {__name = "quire.ArchiveView"}
ArchiveView.__index = ArchiveView

--- A view of the archives PATHS through FILTERS (where, since, until);
-- nothing is read until asked.
function repl.archive_view(paths, filters)
  return setmetatable({paths = paths, filters = filters or {}}, ArchiveView)
end

--- Streams the records, as quire.open does, with the command line's
-- filters and OPTS on top.
function ArchiveView:open(opts)
  local o = {}
  for k, v in pairs(self.filters) do o[k] = v end
  for k, v in pairs(opts or {}) do o[k] = v end
  return require("quire").open(self.paths, o)
end

ArchiveView.__call = ArchiveView.open

--- The paths of the files the archives hold, in walk order (nothing parsed).
function ArchiveView:files()
  local walk = require("quire.c.archive").walk
  local out = {}
  for _, p in ipairs(self.paths) do
    if sys.kind(p) == "directory" then
      for path in walk(p) do out[#out + 1] = path end
    else
      out[#out + 1] = p
    end
  end
  return out
end

function ArchiveView:__tostring()
  if #self.paths == 0 then return "archive: none given (quire repl ARCHIVE...)" end
  return "archive: " .. table.concat(self.paths, ", ") .. " (archive:open() streams it, recs lists it)"
end

--- A list view of VIEW's records read on demand: recs[i] reads up to the
-- i-th, #recs reads to the end. Records read are kept only while in use
-- (a weak cache); asking again re-reads.
function repl.record_list(view)
  local kept = 0
  local cache = setmetatable({}, {__mode = "v"})
  local iter, done = nil, false
  local methods = {}
  local list

  local function fill(n)
    if not iter and not done then iter = view:open() end
    while not done and kept < n do
      local rec = iter()
      if rec == nil then done = true else kept = kept + 1; cache[kept] = rec end
    end
  end

  local function get(i)
    if math.type(i) ~= "integer" or i < 1 then return nil end
    fill(i)
    if i > kept then return nil end
    local rec = cache[i]
    if rec == nil then  -- collected since: read again up to it
      local n = 0
      for r in view:open() do
        n = n + 1
        if n == i then rec = r; break end
      end
      cache[i] = rec
    end
    return rec
  end

  --- The first N records (default 10) as a plain list.
  function methods.head(_, n)
    local out = {}
    for i = 1, n or 10 do
      local r = get(i)
      if r == nil then break end
      out[i] = r
    end
    return out
  end

  --- The records for which EXPR (a --where expression or a function) holds.
  function methods.where(_, expr)
    local pred = require("quire.archive").where(expr)
    local out = {}
    for r in view:open() do
      if pred(r) then out[#out + 1] = r end
    end
    return out
  end

  list = setmetatable({}, {
    __name = "quire.RecordList",
    __index = function(_, k)
      if type(k) == "string" then return methods[k] end
      return get(math.tointeger(k))
    end,
    __len = function() fill(math.huge); return kept end,
    __call = function() return view:open() end,
    __pairs = function()
      local i = 0
      return function()
        i = i + 1
        local r = get(i)
        if r ~= nil then return i, r end
      end
    end,
    __tostring = function()
      return string.format("recs: records of %s, %d read so far%s",
        #view.paths > 0 and table.concat(view.paths, ", ") or "no archive",
        kept, done and " (all)" or " (#recs reads them all)")
    end,
  })
  return list
end

---------------------------------------------------------------- the loop

local function history_path()
  local given = os.getenv("QUIRE_HISTORY")
  if given then return given ~= "" and given or nil end
  local state = os.getenv("XDG_STATE_HOME")
  if not (state and state:sub(1, 1) == "/") then
    local home = os.getenv("HOME")
    if not home or home == "" then return nil end
    state = home .. "/.local/state"
  end
  return state .. "/quire/history"
end

local function message_of(e)
  if type(e) == "string" then return e end
  local mt = getmetatable(e)
  if mt and mt.__tostring then return tostring(e) end
  return "(error object is a " .. type(e) .. " value)"
end

-- Prints the results of a call, and keeps the first in `_`.
local function print_results(results)
  if results.n == 0 then return end
  declared._ = true
  values._ = results[1]
  local opts = {width = columns()}
  local out = {}
  for i = 1, results.n do
    local ok, text = pcall(pretty.format, results[i], opts)
    out[i] = ok and text or tostring(results[i])
  end
  local sep = "\t"
  for _, s in ipairs(out) do if s:find("\n", 1, true) then sep = "\n" end end
  io.stdout:write(table.concat(out, sep), "\n")
end

--- Runs the REPL over ARCHIVES with the parsed command-line OPTS until
-- end of input. Line editing and history when standard input is a
-- terminal; otherwise lines are read plainly and no prompt is shown.
-- Returns the exit status.
function repl.run(opts, archives)
  local quire = require "quire"
  local crepl = require "quire.c.repl"
  local view = repl.archive_view(archives, quire.cli_filters)
  _G.quire = quire
  _G.archive = view
  _G.recs = repl.record_list(view)
  _G.show, _G.help, _G.time = repl.show, repl.help, repl.time
  local seen_errors = {}
  local archive = require "quire.archive"
  local report = archive.on_error
  archive.on_error = function(rec)  -- recs re-reads: say each once
    local key = rec.path or "?"
    if not seen_errors[key] and report then report(rec) end
    seen_errors[key] = true
  end

  local interactive = sys.isatty(0)
  local editor
  if interactive then
    local hist = history_path()
    if hist then
      local dir = hist:match("^(.*)/[^/]*$")
      if dir then sys.mkdirs(dir) end
    end
    editor = crepl.open(hist, repl.complete)
    io.stdout:write(string.format("quire %s (%s): help() for help, Ctrl-D to leave\n",
      quire.version, _VERSION))
    if #archives > 0 then io.stdout:write(tostring(view), "\n") end
  end

  local function read(prompt)
    if editor then return editor:read(prompt) end
    local line = io.stdin:read("L")
    if line == nil then return nil, "eof" end
    return (line:gsub("\r?\n$", ""))
  end

  local traceback = opts and opts.traceback
  local function handler(e)
    local msg = message_of(e)
    return traceback and debug.traceback(msg, 2) or msg
  end

  local pending
  while true do
    local line, why = read(pending and ">> " or "> ")
    if line == nil and why == "interrupted" then
      pending = nil
    elseif line == nil then
      if pending then  -- input ended inside a chunk: say why it was not run
        io.stdout:flush()
        io.stderr:write(select(2, repl.compile(pending)), "\n")
      end
      if interactive then io.stdout:write("\n") end
      break
    else
      local text = pending and pending .. "\n" .. line or line
      local fn, err, incomplete = repl.compile(text)
      if incomplete then
        pending = text
      else
        pending = nil
        if editor then editor:add(text) end
        if not fn then
          io.stdout:flush()
          io.stderr:write(err, "\n")
        elseif text:match("%S") then
          local ok, perr = crepl.xpcall(function()
            print_results(table.pack(fn()))
          end, handler)
          io.stdout:flush()
          if not ok then io.stderr:write(perr, "\n") end
        end
      end
    end
  end
  if editor then editor:close() end
  return 0
end

return repl
