-- Builds a synthetic archive for scripts/bench: N copies of the real corpus
-- posts, each with a varied title and date, in the corpus's folder layout.
-- usage: quire -E run tests/bench/make_archive.lua CORPUS OUT N
local corpus, out, n = arg[1], arg[2], math.tointeger(tonumber(arg[3]))
assert(corpus and out and n, "usage: make_archive.lua CORPUS OUT N")
local sys = require "quire.c.sys"
local archive = require "quire.c.archive"

local posts = {}
for path in archive.walk(corpus) do
  local f = assert(io.open(path, "rb"))
  posts[#posts + 1] = {rel = path:sub(#corpus + 2):match("^(.*)/[^/]*$") or ".", text = f:read("a")}
  f:close()
end
assert(#posts > 0, "no posts under " .. corpus)

local months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
local days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
local made = {}
for i = 1, n do
  local post = posts[(i - 1) % #posts + 1]
  -- spread over two years, half in RFC 2822 form as the real archive has
  local minute = i * 53
  local year = 2020 + (minute // 525600) % 2
  local month = (minute // 43200) % 12 + 1
  local day = (minute // 1440) % 28 + 1
  local hh, mm = (minute // 60) % 24, minute % 60
  local date = i % 2 == 0
    and string.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hh, mm, i % 60)
    or string.format("%s, %02d %s %04d %02d:%02d:%02d GMT", days[i % 7 + 1], day, months[month], year, hh, mm, i % 60)
  local text = post.text
    :gsub("\ntitle: '([^\n]*)'\n", function(t) return "\ntitle: '" .. t .. " (" .. i .. ")'\n" end, 1)
    :gsub("\ntitle: ([^'\n][^\n]*)\n", function(t) return "\ntitle: " .. t .. " (" .. i .. ")\n" end, 1)
    :gsub("\ndate: [^\n]*\n", "\ndate: " .. date .. "\n", 1)
  local dir = out .. "/" .. post.rel
  if not made[dir] then assert(sys.mkdirs(dir)); made[dir] = true end
  local f = assert(io.open(string.format("%s/%06d.md", dir, i), "wb"))
  f:write(text)
  f:close()
end
print(string.format("%d posts from %d originals in %s", n, #posts, out))
