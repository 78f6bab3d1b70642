--- quire.cli: the command line's options, parsed once for every command.

local cli = {}

--- Options every command takes. key is the field in the parsed options.
cli.common = {
  {short = "-j", long = "--jobs", arg = "N", type = "integer", help = "run N workers (default: 1)"},
  {long = "--where", arg = "EXPR", help = "keep records where the Lua expression is true, e.g. \"source == '知乎' and #body > 1000\""},
  {long = "--since", arg = "DATE", help = "keep records dated on or after DATE"},
  {long = "--until", arg = "DATE", help = "keep records dated on or before DATE (a whole day when no time is given)"},
  {long = "--shard", arg = "K/N", help = "only the files whose path hashes to shard K of N (for runs split across machines)"},
  {short = "-o", long = "--output", arg = "OUT", help = "write to OUT instead of standard output"},
  {short = "-q", long = "--quiet", help = "no progress line"},
  {long = "--set", arg = "KEY=VALUE", multi = true, help = "a typed option for scripts (number, true/false or string), in quire.opts"},
  {long = "--tz", arg = "ZONE", help = "time zone of dates written without one (default Asia/Shanghai)"},
  {long = "--max-bytes", arg = "N", type = "integer", help = "larger files become error records (default 16777216)"},
  {long = "--traceback", help = "show a Lua traceback with script errors"},
  {long = "--timeout", arg = "SECONDS", type = "number", help = "stop user code that runs longer than SECONDS on one record (default: no limit)"},
  {long = "--memory-limit", arg = "MB", type = "integer", help = "cap the memory Lua may hold in each process at MB megabytes (default: no limit)"},
  {long = "--sandbox", help = "run the script, -e chunk and --where without io, os.execute/remove/rename/exit, debug, package.loadlib or C modules"},
  {short = "-h", long = "--help", help = "show this help"},
}

local function key_of(spec)
  return (spec.long:sub(3):gsub("%-", "_"))
end

--- A --set value typed: integers and floats become numbers, true/false
-- booleans, anything else stays a string.
function cli.typed(text)
  if text == "true" then return true end
  if text == "false" then return false end
  local n = math.tointeger(tonumber(text)) or tonumber(text)
  if n and text:match("^%s*[-+]?[%d.]") then return n end
  return text
end

local function find_spec(specs, name)
  for _, list in ipairs(specs) do
    for _, spec in ipairs(list) do
      if spec.long == name or spec.short == name then return spec end
    end
  end
end

--- Parses ARGV from index FIRST with the option lists SPECS (a list of spec
-- lists). Returns options, positional arguments; or nil, message.
function cli.parse(argv, first, specs)
  local opts, positional = {set = {}}, {}
  local i = first
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do positional[#positional + 1] = argv[j] end
      break
    elseif a:sub(1, 1) == "-" and #a > 1 then
      local name, value = a:match("^(%-%-[^=]+)=(.*)$")
      if not name then
        name = a
        if a:sub(1, 2) ~= "--" and #a > 2 then  -- -j4
          name, value = a:sub(1, 2), a:sub(3)
        end
      end
      local spec = find_spec(specs, name)
      if not spec then return nil, string.format("unknown option '%s'", a) end
      local key = key_of(spec)
      if spec.arg then
        if value == nil then
          i = i + 1
          value = argv[i]
          if value == nil then return nil, string.format("option '%s' needs a value (%s)", name, spec.arg) end
        end
        if spec.type == "integer" then
          local n = math.tointeger(tonumber(value))
          if not n or n < 0 then return nil, string.format("option '%s' needs a whole number, got '%s'", name, value) end
          value = n
        elseif spec.type == "number" then
          local n = tonumber(value)
          if not n or n < 0 or n ~= n or n == math.huge then
            return nil, string.format("option '%s' needs a number of %s, got '%s'", name, spec.arg:lower(), value)
          end
          value = n
        elseif spec.choices then
          local ok = false
          for _, c in ipairs(spec.choices) do ok = ok or c == value end
          if not ok then
            return nil, string.format("option '%s' takes %s, got '%s'", name, table.concat(spec.choices, "|"), value)
          end
        end
        if spec.multi then
          local list = opts[key] or {}
          list[#list + 1] = value
          opts[key] = list
        else
          opts[key] = value
        end
      else
        if value ~= nil then return nil, string.format("option '%s' takes no value", name) end
        opts[key] = true
      end
    else
      positional[#positional + 1] = a
    end
    i = i + 1
  end
  for _, list in ipairs(specs) do
    for _, spec in ipairs(list) do
      local key = key_of(spec)
      if opts[key] == nil and spec.default ~= nil then opts[key] = spec.default end
    end
  end
  for _, kv in ipairs(opts.set or {}) do
    local k, v = kv:match("^([%w_%.%-]+)=(.*)$")
    if not k then return nil, string.format("--set needs KEY=VALUE, got '%s'", kv) end
    opts[k] = cli.typed(v)
  end
  opts.set = nil
  return opts, positional
end

--- Help text for a list of option specs.
function cli.describe(specs)
  local lines = {}
  for _, spec in ipairs(specs) do
    local names = (spec.short and spec.short .. ", " or "    ") .. spec.long
    if spec.arg then names = names .. " " .. spec.arg end
    local help = spec.help or ""
    if spec.choices then help = help .. " (" .. table.concat(spec.choices, "|") .. ")" end
    if spec.default ~= nil and not spec.choices then help = help .. " (default " .. tostring(spec.default) .. ")" end
    if #names >= 26 then
      lines[#lines + 1] = "  " .. names
      lines[#lines + 1] = string.rep(" ", 28) .. help
    else
      lines[#lines + 1] = string.format("  %-26s%s", names, help)
    end
  end
  return table.concat(lines, "\n")
end

return cli
