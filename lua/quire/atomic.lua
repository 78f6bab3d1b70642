--- quire.atomic: output files that appear only when complete.
--
--   local out = atomic.open("report.html")   -- writes to a temporary name
--   out.file:write(...)
--   out:commit()                              -- renamed into place
--
-- The temporary file sits in the same folder (so the rename is atomic) and
-- is named .NAME.quire-HOST-PID.tmp; an interrupted run leaves any previous
-- output untouched, and a failed one removes its temporary file with abort().
-- A run killed outright (SIGKILL, SIGINT, SIGTERM) cannot remove its own,
-- so the first output a process opens in a folder removes the temporary
-- files there of this machine's processes that are gone. Another
-- machine's are left alone: on a shared folder its process may be running.
-- A PATH that exists and is not a regular file (/dev/null, /dev/stdout, a
-- named pipe) is written directly: renaming over it would replace it.

local sys = require "quire.c.sys"

local atomic = {}

local Output = {}
Output.__index = Output

local host = sys.hostname():gsub("[^%w%.%-]", "_")

-- Removes DIR's temporary files left by this machine's processes that are
-- gone, once per folder and process (a folder export opens thousands).
local swept = {}
local function sweep(dir)
  if swept[dir] then return end
  swept[dir] = true
  for _, entry in ipairs(sys.list(dir == "" and "." or dir) or {}) do
    local h, pid = entry:match("^%..+%.quire%-(.+)%-(%d+)%.tmp$")
    if h == host and not sys.alive(tonumber(pid)) then os.remove(dir .. entry) end
  end
end

--- Opens a temporary file beside PATH. Returns an output, or nil, message.
function atomic.open(path, mode)
  local kind = sys.kind(path)
  if kind and kind ~= "file" then
    if kind == "directory" then return nil, string.format("cannot write %s: it is a folder", path) end
    local file, err = io.open(path, mode or "wb")
    if not file then return nil, string.format("cannot write %s: %s", path, err) end
    return setmetatable({path = path, file = file}, Output)
  end
  local dir, name = path:match("^(.*/)([^/]+)$")
  if not dir then dir, name = "", path end
  sweep(dir)
  local tmp = string.format("%s.%s.quire-%s-%d.tmp", dir, name, host, sys.pid())
  local file, err = io.open(tmp, mode or "wb")
  if not file then return nil, string.format("cannot write %s: %s", path, err) end
  return setmetatable({path = path, tmp = tmp, file = file}, Output)
end

--- Closes the temporary file and renames it to the final path.
-- Returns true, or nil, message (the temporary file is removed then).
function Output:commit()
  local ok, err = self.file:close()
  if not self.tmp then
    return ok or nil, ok or string.format("cannot write %s: %s", self.path, err)
  end
  if ok then ok, err = os.rename(self.tmp, self.path) end
  if not ok then
    os.remove(self.tmp)
    return nil, string.format("cannot write %s: %s", self.path, err)
  end
  return true
end

--- Drops the temporary file; the final path is left as it was.
function Output:abort()
  pcall(self.file.close, self.file)
  if self.tmp then os.remove(self.tmp) end
end

return atomic
