-- The user documentation against the binary it describes, so that neither
-- goes stale unnoticed:
--   doc/quire.1     a subsection for every command `quire --help` lists,
--                   a .TP entry for every option `quire --help` and each
--                   `quire CMD --help` print (and none for options that are
--                   gone), an example per command, and every example (an
--                   .EX block, run as a shell script) succeeds;
--   types/quire.lua a declaration for every function a script can reach
--                   from the quire global, a record, a DOM document or node
--                   (and a few other objects), each with a description,
--                   and none for names that no longer exist.
-- The conventions the stubs follow are at the top of types/quire.lua.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local root = os.getenv("QUIRE_ROOT") or (os.getenv("QUIRE_TESTS") .. "/..")
local bin = os.getenv("QUIRE_BIN") or (root .. "/build/quire")

local function read(path) return assert(check.slurp(path), path) end

-- Runs a shell command; returns its standard output and whether it exited 0.
local function sh(cmd)
  local f = assert(io.popen(cmd, "r"))
  local out = f:read("a")
  local ok = f:close()
  return out, ok == true
end

local q = check.q

local function sorted_keys(set)
  local list = {}
  for k in pairs(set) do list[#list + 1] = k end
  table.sort(list)
  return list
end

---------------------------------------------------------------- --help

-- The sections of a --help text: header line ("commands:", "options:",
-- "common options:", "script look-up (first found wins):") -> its lines.
local function help_sections(text)
  local sections, current = {}, nil
  for line in text:gmatch("([^\n]*)\n?") do
    if line:match("^%S.*:$") then
      current = {}
      sections[line] = current
    elseif line == "" then
      current = nil
    elseif current then
      current[#current + 1] = line
    end
  end
  return sections
end

-- Option names ("-j", "--jobs") at the start of the lines of option sections.
local function help_options(sections)
  local set = {}
  for header, lines in pairs(sections) do
    if header:match("options:$") or header:match("^script look%-up") then
      for _, line in ipairs(lines) do
        local head = line:match("^%s+(%-%S.-)%s%s+%S") or line:match("^%s+(%-%S+)%s*$")
        check.ok(head, "an option line in '" .. header .. "' of --help: " .. line)
        for name in (head or ""):gmatch("%-%-?%w[%w%-]*") do set[name] = true end
      end
    end
  end
  return set
end

local general, ok = sh(q(bin) .. " -E --help")
check.ok(ok and general:find("commands:", 1, true), "quire --help runs and lists commands")
local general_sections = help_sections(general)
local commands = {}
for _, line in ipairs(general_sections["commands:"] or {}) do
  commands[#commands + 1] = line:match("^%s+(%S+)")
end
check.ok(#commands >= 13, "quire --help lists the commands (found " .. #commands .. ")")
local common = help_options(general_sections)
for _, name in ipairs {"--jobs", "--where", "--timeout", "--memory-limit", "--sandbox", "--lua-dir", "-E", "--version"} do
  check.ok(common[name], "quire --help shows " .. name .. " (the parsing here still works)")
end

-- Each command's own options: those its --help prints that are not common.
local own = {}
for _, cmd in ipairs(commands) do
  own[cmd] = {}
  -- (`quire -e --help` is the help of -e, not the chunk "--help")
  local text, cok = sh(q(bin) .. " -E " .. cmd .. " --help")
  check.ok(cok and text:find("usage: quire " .. cmd, 1, true), "quire " .. cmd .. " --help prints its usage")
  for name in pairs(help_options(help_sections(text))) do
    if not common[name] then own[cmd][name] = true end
  end
end

---------------------------------------------------------------- the man page

local man_path = root .. "/doc/quire.1"
local man = read(man_path)

-- roff text as it reads: escapes for dashes, quotes, backslashes and
-- Unicode characters resolved, font changes dropped.
local function plain(s)
  s = s:gsub("\\%[u(%x+)%]", function(hex) return utf8.char(tonumber(hex, 16)) end)
  s = s:gsub("\\f[BIRP]", ""):gsub("\\f%[%a*%]", "")
  s = s:gsub("\\%-", "-"):gsub("\\%(aq", "'"):gsub("\\%(dq", '"'):gsub("\\%(ti", "~")
  s = s:gsub("\\%(ha", "^"):gsub("\\&", ""):gsub("\\c$", "")
  s = s:gsub("\\[e\\]", "\\")  -- \e and \\ print one backslash
  return s
end

-- A macro line's text: the macro dropped, quotes around arguments dropped.
local function macro_text(line)
  local args = line:match("^%.%a+%s*(.*)$") or line
  return plain((args:gsub('"', "")))
end

-- Walk the page: per .SS subsection (and for .SH OPTIONS) the options that
-- head a .TP entry, and whether it has an example; every example block.
local subsections, sh_options, examples = {}, {}, {}
do
  local section, sub, in_example, tag_next = nil, nil, false, false
  for line in man:gmatch("([^\n]*)\n?") do
    if in_example then
      if line:match("^%.EE") then in_example = false
      else
        local ex = examples[#examples]
        ex.script = ex.script .. plain(line) .. "\n"
      end
    elseif line:match("^%.SH") then
      section, sub = macro_text(line), nil
    elseif line:match("^%.SS") then
      sub = {title = macro_text(line), options = {}, examples = 0}
      subsections[sub.title] = sub
    elseif line:match("^%.EX") then
      in_example = true
      examples[#examples + 1] = {script = "", where = sub and sub.title or section}
      if sub then sub.examples = sub.examples + 1 end
    elseif line:match("^%.TP") then
      tag_next = true
    elseif tag_next and not line:match("^%.\\\"") then
      tag_next = false
      local into = sub and sub.options or (section == "OPTIONS" and sh_options) or nil
      -- only the start of the tag: "--since DATE", "-j, --jobs N"
      local text = macro_text(line)
      if into and text:match("^%-") then
        for name in text:gmatch("%-%-?%w[%w%-]*") do
          if not name:match("^%-%d") then into[name] = true end
        end
      end
    end
  end
end

for _, cmd in ipairs(commands) do
  local sub = subsections["quire " .. cmd]
  if check.ok(sub, "doc/quire.1 has a subsection '.SS quire " .. cmd .. "'") then
    check.ok(sub.examples > 0, "the subsection of quire " .. cmd .. " has an example (.EX)")
    for _, name in ipairs(sorted_keys(own[cmd])) do
      check.ok(sub.options[name], "doc/quire.1 describes " .. name .. " (a .TP entry) under quire " .. cmd)
    end
    for _, name in ipairs(sorted_keys(sub.options)) do
      check.ok(own[cmd][name], "doc/quire.1 describes " .. name .. " under quire " .. cmd ..
        ", which 'quire " .. cmd .. " --help' does not print")
    end
  end
end
for _, title in ipairs(sorted_keys(subsections)) do
  local cmd = title:match("^quire (%S+)$")
  if cmd then
    local listed = false
    for _, c in ipairs(commands) do listed = listed or c == cmd end
    check.ok(listed, "doc/quire.1 has a subsection for '" .. cmd .. "', which quire --help does not list")
  end
end
for _, name in ipairs(sorted_keys(common)) do
  check.ok(sh_options[name], "doc/quire.1 describes the common option " .. name .. " (a .TP entry under OPTIONS)")
end
for _, name in ipairs(sorted_keys(sh_options)) do
  check.ok(common[name], "doc/quire.1 describes " .. name .. " under OPTIONS, which quire --help does not print")
end
for _, section in ipairs {"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS",
    "ENVIRONMENT", "FILES", "SEE ALSO"} do
  check.ok(man:find("\n.SH " .. section .. "\n", 1, true) or man:find('\n.SH "' .. section .. '"\n', 1, true),
    "doc/quire.1 has a section " .. section)
end

-- Every example block runs as one shell script (set -e), in order (sql
-- reads what export wrote), from a scratch folder where examples/ is the
-- source tree's; `quire` is the binary under test with -E, so the user's
-- own scripts play no part.
do
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. q(dir) .. " && ln -s " .. q(root .. "/examples") .. " " .. q(dir .. "/examples")))
  local prelude = "set -e\ncd " .. q(dir) .. "\nQUIRE_HISTORY=\nexport QUIRE_HISTORY\n" ..
    "quire() { " .. q(bin) .. " -E \"$@\"; }\n"
  check.ok(#examples >= #commands, "doc/quire.1 has examples (found " .. #examples .. ")")
  for _, ex in ipairs(examples) do
    local out, eok = sh("sh -c " .. q(prelude .. ex.script) .. " </dev/null 2>&1")
    check.ok(eok, string.format("the example in '%s' runs:\n%s%s", ex.where, ex.script, out:sub(-600)))
  end
  os.execute("rm -rf " .. q(dir))
end

---------------------------------------------------------------- the stubs

local stubs_path = root .. "/types/quire.lua"
local stubs = read(stubs_path)
check.ok(load(stubs, "=types/quire.lua"), "types/quire.lua is valid Lua")

-- Declared names, in order, and whether each has a description above it.
local declared, described, modules = {}, {}, {}
do
  local lines = {}
  for line in stubs:gmatch("([^\n]*)\n?") do lines[#lines + 1] = line end
  for i, line in ipairs(lines) do
    local local_name, mod = line:match('^local ([%w_]+) = {}%s*%-%-%s*require "([%w_.]+)"')
    if local_name then modules[local_name] = mod end
    local name = line:match("^function ([%w_.:]+)%s*%(")
    if name then
      check.ok(not described[name], "types/quire.lua declares " .. name .. " once")
      declared[#declared + 1] = name
      -- the comment block above: at least one line that is not an @-tag
      local j, text = i - 1, false
      while j > 0 and lines[j]:match("^%-%-%-") do
        if not lines[j]:match("^%-%-%-%s*@") and lines[j]:match("%S", 4) then text = true end
        j = j - 1
      end
      described[name] = text
    end
  end
end
check.ok(#declared > 150, "types/quire.lua declares functions (found " .. #declared .. ")")
for _, name in ipairs(declared) do
  check.ok(described[name], "types/quire.lua has a description line (---) above " .. name)
end

-- The method table behind an object: its metatable's __index, or the
-- table an __index function looks methods up in (the DOM's, in C).
-- The method tables behind OBJ's __index (a table, or the upvalues of a C
-- function), the first and the rest.
local function methods_of(obj)
  local index = getmetatable(obj).__index
  if type(index) == "table" then return index end
  local tables = {}
  for i = 1, 255 do
    local name, value = debug.getupvalue(index, i)
    if name == nil then break end
    if type(value) == "table" then tables[#tables + 1] = value end
  end
  if #tables == 0 then error("no method table behind " .. tostring(obj)) end
  return table.unpack(tables)
end

local doc = quire.dom.parse("<p>x</p>")
local node = doc:select1("p")
-- a document's own methods (close), and through them the node methods
local doc_shared, doc_own = methods_of(doc)
local doc_methods = setmetatable({}, {__index = doc_shared})
for k, v in pairs(doc_own or {}) do doc_methods[k] = v end
check.ok(doc_own and doc_own.close and node.close == nil, "close is a document's method, not a node's")
local writer_file = io.tmpfile()
local writer = require("quire.export").jsonl(writer_file)
-- The objects whose methods are declared as `function Class:name(`.
local classes = {
  Record = require("quire.record").Record,
  Document = doc_methods,
  Node = methods_of(node),
  Wrapped = methods_of(quire.ustr.wrap("x")),
  Segmenter = methods_of(quire.text.segmenter()),
  Writer = methods_of(writer),
}
writer:close()
writer_file:close()
check.ok(rawequal(classes.Record, getmetatable(select(1, quire.record.parse("---\ntitle: x\n---\n<p>y</p>", "x.md")))),
  "records get quire.record.Record as their metatable")

-- Everything reachable from the quire global, as "quire.a.b". Modules the
-- quire table loads on first use (quire.grammar) are loaded first: their
-- names are in the table its __index function looks them up in.
local reachable = {}
do
  local mt = getmetatable(quire)
  if mt and type(mt.__index) == "function" then
    for i = 1, 255 do
      local name, value = debug.getupvalue(mt.__index, i)
      if name == nil then break end
      if name == "lazy" and type(value) == "table" then
        for key in pairs(value) do local _ = quire[key] end
      end
    end
  end
  local skip = {}
  for _, t in pairs(classes) do skip[t] = true end  -- methods are checked as such
  local function walk(t, prefix, seen)
    if seen[t] or skip[t] then return end
    seen[t] = true
    for k, v in pairs(t) do
      if type(k) == "string" and k:sub(1, 1) ~= "_" then
        local name = prefix .. "." .. k
        if type(v) == "function" then reachable[name] = true
        elseif type(v) == "table" then walk(v, name, seen) end
      end
    end
  end
  walk(quire, "quire", {})
  for local_name, mod in pairs(modules) do walk(require(mod), local_name, {}) end
  for class, t in pairs(classes) do
    for k, v in pairs(t) do
      if type(k) == "string" and k:sub(1, 1) ~= "_" and type(v) == "function" then
        -- (a document's own methods only: the rest are the node methods)
        reachable[class .. ":" .. k] = true
      end
    end
  end
end
check.ok(reachable["quire.grammar.extract"], "the walk reaches quire.grammar (loaded on first use)")
check.ok(reachable["Record:text"] and reachable["Node:select"] and reachable["quire.ustr.len"],
  "the walk reaches record methods, node methods and module functions")

local is_declared = {}
for _, name in ipairs(declared) do
  is_declared[name] = true
  if name:match("^Document:") then is_declared["Node:" .. name:match(":(.*)")] = true end
end
for _, name in ipairs(sorted_keys(reachable)) do
  check.ok(is_declared[name], "types/quire.lua declares " .. name .. " (as `function " .. name .. "(`" ..
    (name:match("^Node:") and " or on Document" or "") .. ")")
end

-- Every declared name exists: resolved the way a script reaches it.
local function resolve(name)
  local owner, sep, rest = name:match("^([%w_]+)([.:])(.*)$")
  local value
  if owner == "quire" and sep == "." then
    value = quire
  elseif sep == ":" and classes[owner] then
    value = classes[owner]
  elseif sep == "." and modules[owner] then
    value = require(modules[owner])
  else
    return nil, "its owner '" .. tostring(owner) .. "' is neither quire, a known class nor a required module"
  end
  for part in rest:gmatch("[^.]+") do
    if type(value) ~= "table" then return nil, "no table before ." .. part end
    value = value[part]
  end
  local mt = getmetatable(value)
  if type(value) == "function" or (mt and mt.__call) then return true end
  return nil, "it is " .. type(value)
end
for _, name in ipairs(declared) do
  local found, why = resolve(name)
  check.ok(found, "types/quire.lua declares " .. name .. ", which does not exist at run time: " .. tostring(why))
end

check.done()
