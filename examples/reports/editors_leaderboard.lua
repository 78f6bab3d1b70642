-- editors_leaderboard.lua: who edits and where posts come from — the
-- editor (责任编辑) and origin (来源) lines the cleaner lifts out of each
-- post, ranked by posts, with each one's feeds and latest post date.
-- --set top=N shows N rows per list (default 10).
--
--   quire run examples/reports/editors_leaderboard.lua examples/archive
--   quire run examples/reports/editors_leaderboard.lua posts/ --set top=20 -j 2
local quire = require "quire"
local ustr = require "quire.ustr"
local top = math.tointeger(quire.opts.top) or 10

local boards = {editor = {}, origin = {}}
local posts = 0
quire.map(nil, function(rec)
  if not rec.body then return nil end
  rec:clean()
  return {editor = rec.editor, origin = rec.origin, source = rec.source or "?", date = rec.date or ""}
end, {each = function(row)
  posts = posts + 1
  for field, board in pairs(boards) do
    local name = row[field]
    if name then
      local entry = board[name] or {name = name, posts = 0, feeds = {}, latest = ""}
      board[name] = entry
      entry.posts = entry.posts + 1
      entry.feeds[row.source] = true
      if row.date > entry.latest then entry.latest = row.date end
    end
  end
end})

local function show(title, board)
  local list = {}
  for _, e in pairs(board) do list[#list + 1] = e end
  table.sort(list, function(a, b)
    if a.posts ~= b.posts then return a.posts > b.posts end
    return a.name < b.name
  end)
  print(title)
  if #list == 0 then print("  (none found)\n") return end
  for i = 1, math.min(top, #list) do
    local e = list[i]
    local feeds = {}
    for f in pairs(e.feeds) do feeds[#feeds + 1] = f end
    table.sort(feeds)
    print(string.format("  %2d. %s %3d post%s  latest %s  %s", i, ustr.pad(ustr.truncate(e.name, 24), 24),
      e.posts, e.posts == 1 and " " or "s", e.latest:sub(1, 10), table.concat(feeds, ", ")))
  end
  if #list > top then print(string.format("  … and %d more", #list - top)) end
  print()
end

print(string.format("%d posts read\n", posts))
show("Editors (责任编辑)", boards.editor)
show("Origins (来源)", boards.origin)
