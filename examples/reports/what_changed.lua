-- what_changed.lua: compares two snapshots of an archive (two folders, or two
-- JSONL exports made alike) and lists posts added, removed, moved (same content under
-- a new path) and changed (same path, and which of title, date and body
-- differ). Paths are compared relative to each snapshot's folder. Only
-- hashes are kept, so snapshots of any size fit in memory.
--
--   quire run examples/reports/what_changed.lua OLD_SNAPSHOT NEW_SNAPSHOT
local quire = require "quire"
local archive = require "quire.archive"
local old_root, new_root = ...
if not (old_root and new_root) then
  io.stderr:write("usage: quire run what_changed.lua OLD NEW\n")
  os.exit(2)
end

local hash = archive.fnv1a
local function snapshot(root)
  local posts = {}
  local prefix = root:gsub("/+$", "") .. "/"
  for rec in quire.open(root) do
    local rel = rec.path:sub(1, #prefix) == prefix and rec.path:sub(#prefix + 1) or rec.path
    local body = rec.body or rec.text or ""
    posts[rel] = {title = hash(rec.title or ""), date = hash(rec.date or ""), body = hash(body),
                  content = hash((rec.title or "") .. "\0" .. body), label = rec.title or rel}
  end
  return posts
end

local old, new = snapshot(old_root), snapshot(new_root)
local added, removed, moved, changed = {}, {}, {}, {}
for path, p in pairs(new) do
  if not old[path] then added[#added + 1] = path end
end
for path in pairs(old) do
  if not new[path] then removed[#removed + 1] = path end
end
table.sort(added)
table.sort(removed)

-- a removed path whose content reappears under an added path was moved
local by_content = {}
for i, path in ipairs(added) do by_content[new[path].content] = by_content[new[path].content] or i end
local still_removed = {}
for _, path in ipairs(removed) do
  local i = by_content[old[path].content]
  if i and added[i] then
    moved[#moved + 1] = {path, added[i]}
    added[i] = false
    by_content[old[path].content] = nil
  else
    still_removed[#still_removed + 1] = path
  end
end
removed = still_removed
local still_added = {}
for _, path in ipairs(added) do if path then still_added[#still_added + 1] = path end end
added = still_added

for path, p in pairs(new) do
  local o = old[path]
  if o then
    local what = {}
    for _, field in ipairs {"title", "date", "body"} do
      if o[field] ~= p[field] then what[#what + 1] = field end
    end
    if #what > 0 then changed[#changed + 1] = {path, table.concat(what, ", ")} end
  end
end
table.sort(changed, function(a, b) return a[1] < b[1] end)

local n_old, n_new = 0, 0
for _ in pairs(old) do n_old = n_old + 1 end
for _ in pairs(new) do n_new = n_new + 1 end
print(string.format("%s: %d posts; %s: %d posts", old_root, n_old, new_root, n_new))
print(string.format("added %d, removed %d, moved %d, changed %d", #added, #removed, #moved, #changed))
local function section(title, list, fmt)
  if #list == 0 then return end
  print()
  print(title .. ":")
  for _, item in ipairs(list) do print("  " .. fmt(item)) end
end
section("added", added, function(path) return "+ " .. path end)
section("removed", removed, function(path) return "- " .. path end)
section("moved", moved, function(m) return m[1] .. " -> " .. m[2] end)
section("changed", changed, function(c) return "~ " .. c[1] .. " (" .. c[2] .. ")" end)
