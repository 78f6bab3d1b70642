-- Builds a scratch copy of tests/data/bad/ plus the inputs that cannot be
-- committed (too big, or not files): used by bad_test.lua and
-- bad_commands_test.lua as
--   local bad = dofile(os.getenv("QUIRE_TESTS") .. "/lua/bad_folder.lua")
--   local dir, as_root = bad.make()  ...  bad.remove(dir)
local bad = {}

local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local function sh(cmd) assert(os.execute(cmd), cmd) end
local function write(path, ...)
  local f = assert(io.open(path, "wb"))
  f:write(...)
  f:close()
end

bad.q, bad.sh = q, sh

--- Files made at run time, with what each is.
bad.generated = {
  ["big.md"] = "a 200 MB sparse file (truncate -s 200M)",
  ["broken-link.md"] = "a symbolic link to a file that does not exist",
  ["folder.md"] = "a directory named like a post (walked, so no record)",
  ["unreadable.md"] = "a post with mode 000",
  ["title-64k.md"] = "a title of 65,532 bytes (21,844 CJK characters)",
  ["nested-divs.md"] = "100,000 nested <div>s around one word",
  ["attributes.md"] = "one <p> with 1,000,000 attributes (9.9 MB)",
}

--- Makes the folder; returns its path and whether reads ignore mode 000
-- (root in CI containers).
function bad.make()
  local src = os.getenv("QUIRE_TESTS") .. "/data/bad"
  local dir = os.tmpname()
  os.remove(dir)
  sh("mkdir " .. q(dir) .. " && cp -p " .. q(src) .. "/*.md " .. q(src) .. "/*.html " .. q(dir))
  sh("truncate -s 200M " .. q(dir .. "/big.md"))
  sh("mkdir " .. q(dir .. "/folder.md"))
  sh("ln -s nowhere.md " .. q(dir .. "/broken-link.md"))
  write(dir .. "/unreadable.md", "---\ntitle: locked\n---\nbody\n")
  sh("chmod 000 " .. q(dir .. "/unreadable.md"))
  write(dir .. "/title-64k.md", "---\ntitle: ", ("标题"):rep(64 * 1024 // 6),
        "\ndate: 2021-04-11 00:30:33\n---\n<p>x</p>\n")
  write(dir .. "/nested-divs.md", "---\ntitle: deep\n---\n", ("<div>"):rep(100000), "text",
        ("</div>"):rep(100000), "\n")
  local attrs = {}
  for i = 1, 1000000 do attrs[i] = "a" .. i .. "=1" end
  write(dir .. "/attributes.md", "---\ntitle: attrs\n---\n<p ", table.concat(attrs, " "), ">x</p>\n")
  attrs = nil
  collectgarbage()
  local f = io.open(dir .. "/unreadable.md", "rb")
  local as_root = f ~= nil
  if f then f:close() end
  return dir, as_root
end

function bad.remove(dir)
  sh("chmod 600 " .. q(dir .. "/unreadable.md") .. " && rm -rf " .. q(dir))
end

return bad
