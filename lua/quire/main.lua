--- quire.main: the command line. `quire NAME` runs lua/quire/cmd/NAME.lua
-- (bundled, or the user's copy); run, -e, scripts and eject live here.
-- Exit status: 0 ok, 1 a script error or any record with an error, 2 usage.

local cli = require "quire.cli"
local bundle = require "quire.c.bundle"
local sys = require "quire.c.sys"
local limits = require "quire.c.limits"

local main = {}

local function say(fmt, ...)
  io.stderr:write("quire: ", string.format(fmt, ...), "\n")
end

local function usage_error(msg, topic)
  say("%s (see 'quire %s--help')", msg, topic and topic .. " " or "")
  return 2
end

-- Command files present in the binary and in the look-up directories.
local function command_names()
  local seen, names = {}, {}
  local function add(name)
    if not seen[name] then seen[name] = true; names[#names + 1] = name end
  end
  for _, path in ipairs(bundle.list()) do
    local name = path:match("^quire/cmd/([%w_%-]+)%.lua$")
    if name then add(name) end
  end
  for _, dir in ipairs(bundle.dirs()) do
    for _, file in ipairs(sys.list(dir .. "/quire/cmd") or {}) do
      local name = file:match("^([%w_%-]+)%.lua$")
      if name then add(name) end
    end
  end
  table.sort(names)
  return names
end

local function command_exists(name)
  return name:match("^[%w_%-]+$") and (bundle.source("quire/cmd/" .. name .. ".lua")
    or bundle.user_file("quire.cmd." .. name)) and true or false
end

-- Loads a command module; on failure returns nil, message.
local function load_command(name)
  local ok, cmd = pcall(require, "quire.cmd." .. name)
  if not ok then return nil, tostring(cmd) end
  if type(cmd) ~= "table" or type(cmd.run) ~= "function" then
    return nil, string.format("command file for '%s' does not return a table with run()", name)
  end
  return cmd
end

local function general_help()
  local out = {
    "usage: quire COMMAND [ARCHIVE...] [options]",
    "",
    "Archives are folders of posts (Markdown with YAML front matter and an HTML",
    "body), searched recursively, or single files; '-' reads paths from stdin.",
    "",
    "commands:",
    "  run SCRIPT [ARCHIVE...]   run a Lua script; quire.open() streams the archives",
    "  -e CHUNK [ARCHIVE...]     run a Lua chunk given on the command line",
    "  repl [ARCHIVE...]         an interactive Lua prompt (also plain 'quire' on a terminal)",
    "  scripts                   show where each bundled script resolves",
    "  eject NAME                copy a bundled script out for editing",
  }
  for _, name in ipairs(command_names()) do
    local cmd = load_command(name)
    local summary = cmd and cmd.summary or "(cannot load: see 'quire " .. name .. " --help')"
    out[#out + 1] = string.format("  %-26s%s", name, summary)
  end
  out[#out + 1] = ""
  out[#out + 1] = "common options:"
  out[#out + 1] = cli.describe(cli.common)
  out[#out + 1] = ""
  out[#out + 1] = "script look-up (first found wins):"
  out[#out + 1] = "      --lua-dir DIR         a folder of scripts that shadow the bundled ones"
  out[#out + 1] = "  -E                        ignore $QUIRE_PATH, ~/.config/quire/lua and LUA_PATH"
  out[#out + 1] = "      --version             show quire's version and its libraries'"
  io.stdout:write(table.concat(out, "\n"), "\n")
  return 0
end

local function version()
  local v = sys.versions()
  local lpeg = require "lpeg"
  local lpeg_version = type(lpeg.version) == "function" and lpeg.version() or lpeg.version
  local cjson = require "cjson"
  io.stdout:write(string.format(
    "quire %s\n%s\nLPeg %s\nlua-cjson %s\nlibxml2 %s\nlibyaml %s\nutf8proc %s\n",
    require("quire").version, v.lua, lpeg_version,
    (cjson._VERSION or "?"):gsub("^lua%-cjson%s*", ""), v.libxml2, v.libyaml, v.utf8proc))
  return 0
end

-- Modules a --sandbox script may not require (besides io, debug and every
-- C module but the preloaded lpeg and cjson): those that write files or
-- run commands.
local sandbox_refused = {["quire.atomic"] = true, ["quire.export"] = true,
  ["quire.main"] = true, ["quire.repl"] = true, ["quire.cli"] = true}

local sandbox_env_cache

-- The environment of --sandbox code (scripts, -e chunks, --where): the
-- standard library without io, os.execute/remove/rename/exit/tmpname/
-- setlocale, debug, package.loadlib, dofile/loadfile and binary chunks;
-- require gives the bundled Lua modules and lpeg/cjson only.
local function sandbox_env()
  if sandbox_env_cache then return sandbox_env_cache end
  local env = {}
  for _, name in ipairs {"assert", "collectgarbage", "error", "getmetatable", "ipairs", "next",
      "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select",
      "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall", "_VERSION"} do
    env[name] = _G[name]
  end
  for _, lib in ipairs {"string", "table", "math", "utf8", "coroutine"} do
    local copy = {}
    for k, v in pairs(_G[lib]) do copy[k] = v end
    env[lib] = copy
  end
  env.os = {clock = os.clock, date = os.date, difftime = os.difftime, time = os.time, getenv = os.getenv}
  env.package = {config = package.config}
  env._G = env
  env.load = function(chunk, name, _, chunk_env)
    if chunk_env == nil then chunk_env = env end
    return load(chunk, name, "t", chunk_env)
  end
  local std = {string = env.string, table = env.table, math = env.math, utf8 = env.utf8,
               coroutine = env.coroutine, os = env.os, package = env.package, _G = env}
  env.require = function(name)
    if type(name) ~= "string" then
      error(string.format("bad argument #1 to 'require' (string expected, got %s)", type(name)), 2)
    end
    if std[name] then return std[name] end
    local path = name:gsub("%.", "/")
    local bundled = name == "lpeg" or name == "cjson" or name == "re"
      or bundle.source(path .. ".lua") or bundle.source(path .. "/init.lua")
    if not bundled or sandbox_refused[name] or name:match("^quire%.cmd%.") then
      error(string.format("require '%s' is not allowed with --sandbox", name), 2)
    end
    return require(name)
  end
  -- the quire table without quire.export (which writes files)
  local quire = require "quire"
  local function refuse(k)
    if k == "export" then error("quire.export is not allowed with --sandbox", 3) end
  end
  env.quire = setmetatable({}, {
    __index = function(_, k) refuse(k); return quire[k] end,
    __newindex = function(_, k, v) refuse(k); quire[k] = v end,
    __pairs = function()
      return function(_, k)
        local v
        repeat k, v = next(quire, k) until k ~= "export"
        return k, v
      end, quire, nil
    end,
  })
  sandbox_env_cache = env
  return env
end

-- Applies parsed common options: quire.opts/args, record defaults,
-- error reporting and progress. Returns nil or a usage error message.
local function set_up(opts, archives)
  local quire = require "quire"
  local record = require "quire.record"
  local archive = require "quire.archive"
  local cdate = require "quire.c.date"
  if opts.tz then
    if not cdate.known_tz(opts.tz) then
      return string.format("unknown time zone '%s' (try Asia/Shanghai, UTC or +08:00)", opts.tz)
    end
    record.defaults.tz = opts.tz
  end
  if opts.max_bytes then record.defaults.max_bytes = opts.max_bytes end
  local tz = record.defaults.tz
  if opts.memory_limit and opts.memory_limit > 0 then limits.memory(opts.memory_limit * 1048576) end
  if opts.timeout and opts.timeout > 0 then limits.timeout(opts.timeout) end
  if opts.sandbox then archive.where_env = sandbox_env() end
  if opts.where then
    local ok, err = pcall(archive.where, opts.where)
    if not ok then return err end
  end
  for _, key in ipairs {"since", "until"} do
    if opts[key] then
      local ok, err = pcall(archive.bound, opts[key], tz, key == "until")
      if not ok then return "--" .. key .. ": " .. err end
    end
  end
  if opts.shard then
    local ok, shard = pcall(archive.parse_shard, opts.shard)
    if not ok then return shard end
    archive.shard = shard
  end
  quire.opts = opts
  quire.args = archives
  _G.quire = quire  -- one-liners and scripts need not require it
  quire.cli_filters = {where = opts.where, since = opts.since, ["until"] = opts["until"]}
  archive.on_error = function(rec)
    io.stderr:write(rec.path or "?", ": ", rec.error, "\n")
  end
  archive.progress = not opts.quiet and sys.isatty(2)
  return nil
end

-- Runs FN(...) reporting a Lua error the way lua(1) does. Returns status.
local function protected(opts, fn, ...)
  local ok, err = xpcall(fn, function(e)
    local msg = type(e) == "string" and e or ("(error object is a " .. type(e) .. " value)")
    if type(e) ~= "string" and getmetatable(e) and getmetatable(e).__tostring then msg = tostring(e) end
    return {msg = msg, traceback = debug.traceback(msg, 2)}
  end, ...)
  if ok then return 0, err end
  io.stdout:flush()
  -- a memory error skips the handler: ERR is then Lua's plain message
  if type(err) ~= "table" then err = {msg = limits.explain(tostring(err))} end
  say("%s", opts.traceback and err.traceback or err.msg)
  return 1
end

local function finish(status)
  local archive = require "quire.archive"
  io.stdout:flush()
  if status == 0 and archive.counts.errors > 0 then return 1 end
  return status
end

local function run_chunk(chunk, name, opts, archives)
  local err = set_up(opts, archives)
  if err then return usage_error(err) end
  arg = {[0] = name}
  table.move(archives, 1, #archives, 1, arg)
  if opts.sandbox then sandbox_env().arg = arg end
  return finish((protected(opts, chunk, table.unpack(archives))))
end

local function e_help()
  io.stdout:write("usage: quire -e CHUNK [ARCHIVE...] [options]\n\n",
    "Runs the Lua chunk CHUNK. arg[1..] and ... are the archives; quire.opts\n",
    "holds --set values and the common options; quire.open() with no\n",
    "arguments streams the archives through --where/--since/--until.\n",
    "  quire -e 'for r in quire.open() do print(r.title) end' ARCHIVE\n\n",
    "options:\n", cli.describe(cli.common), "\n")
  return 0
end

local function cmd_e(argv)
  local source = argv[2]
  if source == nil then return usage_error("-e needs a Lua chunk") end
  -- "--help" as a chunk would be a Lua comment that does nothing
  if source == "--help" or source == "-h" then return e_help() end
  local opts, archives = cli.parse(argv, 3, {cli.common})
  if not opts then return usage_error(archives) end
  if opts.help then return e_help() end
  -- (load's env argument must be absent, not nil, for the usual globals)
  local chunk, err
  if opts.sandbox then
    chunk, err = load(source, "=(command line)", "t", sandbox_env())
  else
    chunk, err = load(source, "=(command line)", "t")
  end
  if not chunk then say("%s", err); return 1 end
  return run_chunk(chunk, "-e", opts, archives)
end

local function cmd_run(argv)
  local opts, args = cli.parse(argv, 2, {cli.common})
  if not opts then return usage_error(args, "run") end
  if #args == 0 and not opts.help then return usage_error("run needs a SCRIPT", "run") end
  if opts.help then
    io.stdout:write("usage: quire run SCRIPT [ARCHIVE...] [--set key=value ...]\n\n",
      "Runs a Lua script. arg[0] is the script, arg[1..] and ... the archives;\n",
      "quire.opts holds --set values and the common options; quire.open()\n",
      "with no arguments streams the archives through --where/--since/--until.\n\n",
      "options:\n", cli.describe(cli.common), "\n")
    return 0
  end
  local script = table.remove(args, 1)
  local chunk, err
  if opts.sandbox then chunk, err = loadfile(script, "t", sandbox_env()) else chunk, err = loadfile(script, "t") end
  if not chunk then say("%s", err); return 1 end
  return run_chunk(chunk, script, opts, args)
end

-- "record", "cmd/stats", "quire.cmd.stats", "quire/cmd/stats.lua" -> path under lua/
local function bundled_path(name)
  name = name:gsub("%.lua$", ""):gsub("%.", "/")
  if name ~= "re" and not name:match("^quire/") and name ~= "quire" then name = "quire/" .. name end
  for _, candidate in ipairs {name .. ".lua", name .. "/init.lua"} do
    if bundle.source(candidate) then return candidate end
  end
end

local function module_name(path)
  return (path:gsub("/init%.lua$", ""):gsub("%.lua$", ""):gsub("/", "."))
end

local function cmd_scripts(argv)
  local opts, args = cli.parse(argv, 2, {{cli.common[#cli.common]}})
  if not opts then return usage_error(args, "scripts") end
  if opts.help then
    io.stdout:write("usage: quire scripts\n\nLists every bundled script and which copy wins: the bundled one, or a\nuser's copy in a look-up folder (--lua-dir, $QUIRE_PATH, ~/.config/quire/lua).\n")
    return 0
  end
  local dirs = bundle.dirs()
  io.stdout:write("look-up folders, first found wins:\n")
  for _, dir in ipairs(dirs) do io.stdout:write("  ", dir, "\n") end
  io.stdout:write("  (bundled in the binary)\n\n")
  local rows, width = {}, 0
  for _, path in ipairs(bundle.list()) do
    local name = module_name(path)
    local user = bundle.user_file(name)
    rows[#rows + 1] = {name, user or "bundled"}
    width = math.max(width, #name)
  end
  for _, dir in ipairs(dirs) do
    for _, file in ipairs(sys.list(dir .. "/quire/cmd") or {}) do
      local name = file:match("^([%w_%-]+)%.lua$")
      if name and not bundle.source("quire/cmd/" .. file) then
        local mod = "quire.cmd." .. name
        local exists = false
        for _, r in ipairs(rows) do exists = exists or r[1] == mod end
        if not exists then
          rows[#rows + 1] = {mod, bundle.user_file(mod) .. " (user only)"}
          width = math.max(width, #mod)
        end
      end
    end
  end
  table.sort(rows, function(a, b) return a[1] < b[1] end)
  for _, r in ipairs(rows) do
    io.stdout:write(string.format("%-" .. width .. "s  %s\n", r[1], r[2]))
  end
  return 0
end

local function cmd_eject(argv)
  local opts, args = cli.parse(argv, 2, {{cli.common[#cli.common]}})
  if not opts then return usage_error(args, "eject") end
  if #args ~= 1 and not opts.help then return usage_error("eject needs one NAME", "eject") end
  if opts.help then
    io.stdout:write("usage: quire eject NAME\n\nCopies the bundled script NAME (e.g. cmd/stats, record) into the first\n",
      "look-up folder (--lua-dir if given, else ~/.config/quire/lua) for editing;\n",
      "from then on quire runs your copy. Never overwrites a file.\n")
    return 0
  end
  local path = bundled_path(args[1])
  if not path then
    say("no bundled script '%s' (see 'quire scripts')", args[1])
    return 1
  end
  local dir = bundle.dirs()[1]
  if not dir then say("no folder to eject into: set HOME or use --lua-dir"); return 1 end
  local target = dir .. "/" .. path
  local existing = io.open(target, "r")
  if existing then
    existing:close()
    say("%s exists; not overwriting it (remove it first to eject again)", target)
    return 1
  end
  local ok, err = sys.mkdirs(target:match("^(.*)/[^/]*$"))
  if not ok then say("cannot create folder %s", err); return 1 end
  local tmp = target .. ".tmp"
  local f, ferr = io.open(tmp, "wb")
  if not f then say("%s", ferr); return 1 end
  f:write(bundle.source(path))
  if not f:close() then say("cannot write %s", tmp); return 1 end
  local renamed, rerr = os.rename(tmp, target)
  if not renamed then os.remove(tmp); say("%s", rerr); return 1 end
  io.stdout:write(string.format("ejected %s to %s\n", path, target))
  return 0
end

local function run_command(name, argv)
  local cmd, err = load_command(name)
  if not cmd then say("%s", err); return 1 end
  local specs = {cmd.options or {}, cli.common}
  local opts, args = cli.parse(argv, 2, specs)
  if not opts then return usage_error(args, name) end
  if opts.help then
    io.stdout:write("usage: ", cmd.usage or ("quire " .. name .. " ARCHIVE... [options]"), "\n\n",
      cmd.summary or "", "\n")
    if cmd.help then io.stdout:write("\n", cmd.help, "\n") end
    if cmd.options and #cmd.options > 0 then
      io.stdout:write("\noptions:\n", cli.describe(cmd.options), "\n")
    end
    io.stdout:write("\ncommon options:\n", cli.describe(cli.common), "\n")
    return 0
  end
  local setup_err = set_up(opts, args)
  if setup_err then return usage_error(setup_err, name) end
  local status, result = protected(opts, cmd.run, {args = args, opts = opts, name = name})
  if status == 0 and math.type(result) == "integer" then status = result end
  return finish(status)
end

local function cmd_repl(argv)
  local opts, archives = cli.parse(argv, 2, {cli.common})
  if not opts then return usage_error(archives, "repl") end
  if opts.help then
    io.stdout:write("usage: quire repl [ARCHIVE...]\n\n",
      "An interactive Lua prompt (also plain 'quire' on a terminal): line editing,\n",
      "history in $QUIRE_HISTORY or ~/.local/state/quire/history, Tab completion,\n",
      "values pretty-printed. 'archive' and 'recs' hold the archives given, through\n",
      "the filters; help() lists the helpers.\n\n",
      "options:\n", cli.describe(cli.common), "\n")
    return 0
  end
  local err = set_up(opts, archives)
  if err then return usage_error(err, "repl") end
  return require("quire.repl").run(opts, archives)
end

local builtins = {
  ["-e"] = cmd_e,
  run = cmd_run,
  repl = cmd_repl,
  scripts = cmd_scripts,
  eject = cmd_eject,
}

-- Common options written before the command (quire -q -e ...) move after
-- it, where every command parses them.
local function hoist_common_options(argv)
  local moved = {}
  while argv[1] and argv[1] ~= "-e" and argv[1]:sub(1, 1) == "-" and #argv[1] > 1 do
    local name = argv[1]:match("^(%-%-[^=]+)=") or argv[1]
    local spec
    for _, s in ipairs(cli.common) do
      if (s.long == name or s.short == name or s.short == name:sub(1, 2)) and s.long ~= "--help" then spec = s end
    end
    if not spec then break end
    moved[#moved + 1] = table.remove(argv, 1)
    if spec.arg and name == moved[#moved] and not (spec.short and #name > 2 and name:sub(1, 2) == spec.short) then
      moved[#moved + 1] = table.remove(argv, 1)
    end
  end
  if argv[1] == nil then return {} end  -- options alone: show the help
  table.move(moved, 1, #moved, #argv + 1, argv)
  return argv
end

--- Runs the command line ARGV (without the program name); returns the exit status.
function main.main(argv)
  if argv[1] == nil and sys.isatty(0) and sys.isatty(1) then return cmd_repl {"repl"} end
  argv = hoist_common_options(argv)
  local first = argv[1]
  if first == nil or first == "--help" or first == "-h" or first == "help" then
    if first == "help" and argv[2] then
      return main.main {argv[2], "--help"}
    end
    return general_help()
  end
  if first == "--version" or first == "-v" then return version() end
  if builtins[first] then return builtins[first](argv) end
  if first:sub(1, 1) == "-" then return usage_error(string.format("unknown option '%s'", first)) end
  if not command_exists(first) then
    return usage_error(string.format("unknown command '%s'", first))
  end
  return run_command(first, argv)
end

return main.main
