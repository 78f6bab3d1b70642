--- quire.folder: a folder of one file per record, for the markdown
-- and text formats. File names follow the record's path inside its
-- archive, made safe on every OS (no <>:"\|?* or control characters, no
-- trailing dots or spaces, no reserved names such as CON, at most 120
-- bytes a name) and suffixed with 8 hex digits of the original path's hash
-- so two paths that clean to the same name stay apart. Each file is written
-- atomically; index.md lists them all.

local atomic = require "quire.atomic"
local sys = require "quire.c.sys"
local chash = require("quire.c.record").hash

local files = {}  -- the module table

local RESERVED = {con = true, prn = true, aux = true, nul = true}
for i = 1, 9 do RESERVED["com" .. i] = true; RESERVED["lpt" .. i] = true end

-- The longest prefix of S of at most N bytes that ends on a whole UTF-8 character.
local function cut(s, n)
  if #s <= n then return s end
  local i = n
  while i > 0 and (s:byte(i + 1) or 0) & 0xC0 == 0x80 do i = i - 1 end
  return s:sub(1, i)
end

--- A safe version of one path component.
function files.safe_name(name)
  name = name:gsub('[%c<>:"\\|%?%*]', "_"):gsub("^[%s%.]+", ""):gsub("[%s%.]+$", "")
  if name == "" then name = "_" end
  if RESERVED[name:lower():match("^[^.]*")] then name = "_" .. name end
  return cut(name, 120)
end

--- The file a row goes to, relative to the folder: its rel path with each
-- folder made safe, and the file name suffixed with the path's hash.
function files.name_for(row, ext)
  local parts = {}
  for part in (row.rel or row.path or "record"):gmatch("[^/]+") do
    if part ~= "." and part ~= ".." then parts[#parts + 1] = part end
  end
  local leaf = (table.remove(parts) or "record"):gsub("%.[%w]+$", "")
  for i, p in ipairs(parts) do parts[i] = files.safe_name(p) end
  parts[#parts + 1] = cut(files.safe_name(leaf), 100) .. "-" .. chash(row.path or ""):sub(1, 8) .. ext
  return table.concat(parts, "/")
end

--- Opens folder DIR (created if missing) for files ending in EXT.
function files.open(dir, ext)
  dir = dir:gsub("/+$", "")
  local ok, err = sys.mkdirs(dir)
  if not ok then return nil, "cannot create " .. err end
  local index, ierr = atomic.open(dir .. "/index.md")
  if not index then return nil, ierr end
  -- a post itself (front matter and all), so quire reads the folder back cleanly
  index.file:write("---\ntitle: Index\nquire_index: true\n---\n\n| date | source | title |\n|---|---|---|\n")
  return {dir = dir, ext = ext, index = index, n = 0}
end

local function cell(s)
  return (tostring(s or ""):gsub("[|\r\n]", " "))
end

--- Writes CONTENT as the file for ROW and adds it to the index.
function files.write(folder, row, content)
  local rel = files.name_for(row, folder.ext)
  local path = folder.dir .. "/" .. rel
  local ok, err = sys.mkdirs(path:match("^(.*)/[^/]*$"))
  if not ok then return nil, "cannot create " .. err end
  local out, oerr = atomic.open(path)
  if not out then return nil, oerr end
  out.file:write(content)
  ok, err = out:commit()
  if not ok then return nil, err end
  local link = rel:gsub(" ", "%%20"):gsub("%(", "%%28"):gsub("%)", "%%29")
  folder.index.file:write(string.format("| %s | %s | [%s](%s) |\n", cell(row.date), cell(row.source),
    cell(row.title or rel), link))
  folder.n = folder.n + 1
  return rel
end

--- Writes index.md into place.
function files.close(folder)
  return folder.index:commit()
end

return files
