-- Shared helpers for tests/lua/*_test.lua, loaded with
--   local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
-- Each check counts; check.done() prints "N passed, N failed" and sets the
-- exit status.
local check = {passed = 0, failed = 0}

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local function fail(msg, level)
  check.failed = check.failed + 1
  local info = debug.getinfo(level or 3, "Sl")
  io.stderr:write(string.format("%s:%d: %s\n", info.short_src, info.currentline, msg))
end

-- ---- running commands and reading files -------------------------------

--- S quoted for the shell.
function check.q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function run(cmd)
  local p = io.popen(cmd)
  local out = p:read("a")
  local _, _, code = p:close()
  return out, code
end

--- Runs shell command CMD: its output (standard output and error
-- together) and exit code.
function check.sh(cmd) return run(cmd .. " 2>&1") end

--- Runs shell command CMD: its standard output only (the error stream
-- dropped), for output that is parsed, and its exit code.
function check.stdout(cmd) return run(cmd .. " 2>/dev/null") end

--- The bytes of file PATH, or nil when it cannot be read.
function check.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

function check.ok(cond, msg)
  if cond then check.passed = check.passed + 1 else fail("check failed: " .. (msg or "")) end
  return cond
end

function check.eq(got, want, msg)
  if got == want then
    check.passed = check.passed + 1
    return true
  end
  fail(string.format("%sgot %s, want %s", msg and (msg .. ": ") or "", show(got), show(want)))
  return false
end

-- Deep equality for tables of plain values.
local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

function check.same(got, want, msg)
  local cjson = require "cjson"
  if same(got, want) then
    check.passed = check.passed + 1
    return true
  end
  local ok1, g = pcall(cjson.encode, got)
  local ok2, w = pcall(cjson.encode, want)
  fail(string.format("%sgot %s, want %s", msg and (msg .. ": ") or "",
    ok1 and g or show(got), ok2 and w or show(want)))
  return false
end

-- Checks that fn(...) raises an error whose message contains PATTERN (plain).
function check.raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then
    fail("expected an error containing " .. show(pattern))
  elseif not tostring(err):find(pattern, 1, true) then
    fail(string.format("error %s does not contain %s", show(tostring(err)), show(pattern)))
  else
    check.passed = check.passed + 1
  end
end

function check.done()
  print(string.format("%d passed, %d failed", check.passed, check.failed))
  os.exit(check.failed == 0 and 0 or 1)
end

-- Every post file under DIR (sorted), without quire's walker.
function check.corpus()
  local dir = os.getenv("QUIRE_CORPUS")
  assert(dir, "QUIRE_CORPUS is not set")
  return dir
end

return check
