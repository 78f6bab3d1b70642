-- Bad inputs (tests/data/bad/, see its README.txt, plus files that cannot be
-- committed, made here): `quire -e` over the folder gives every file exactly
-- one record or one "path: reason" line on stderr, exits 1, and each reason
-- is the expected one.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local bin = assert(os.getenv("QUIRE_BIN"), "QUIRE_BIN is not set")
local src = os.getenv("QUIRE_TESTS") .. "/data/bad"

local function sh(cmd) assert(os.execute(cmd), cmd) end
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local dir = os.tmpname()
os.remove(dir)
sh("mkdir " .. q(dir) .. " && cp -p " .. q(src) .. "/*.md " .. q(dir))
-- a 50 MB post (sparse, so it costs no disk), a folder named like a post,
-- a link to nowhere, and a file nobody may read
sh("truncate -s 50M " .. q(dir .. "/big.md"))
sh("mkdir " .. q(dir .. "/folder.md"))
sh("ln -s nowhere.md " .. q(dir .. "/broken-link.md"))
sh("printf -- '---\\ntitle: locked\\n---\\nbody\\n' > " .. q(dir .. "/unreadable.md"))
sh("chmod 000 " .. q(dir .. "/unreadable.md"))

-- Root reads files whatever their mode, so then unreadable.md is a post.
local f = io.open(dir .. "/unreadable.md", "rb")
local as_root = f ~= nil
if f then f:close() end
if as_root then
  io.stderr:write("note: running as root, so mode 000 does not stop reads; unreadable.md is read as a post\n")
end

-- Expected reason per file; true: a record without error.
local expected = {
  ["alias-bomb.md"] = "front matter: line 9: aliases expand to more than 1000000 nodes",
  ["bad-yaml.md"] = "front matter: line 4: did not find expected ',' or ']' while parsing a flow sequence",
  ["big.md"] = "file too large (52428800 bytes, limit 16777216; raise it with --max-bytes)",
  ["binary.md"] = "binary file (NUL byte at offset 8)",
  ["broken-link.md"] = "cannot read: No such file or directory",
  ["crlf.md"] = true,
  ["deep-nesting.md"] = "front matter: line 4: nesting deeper than 512 levels",
  ["empty.md"] = "empty file",
  ["gbk.md"] = true, -- read as GB18030, with a warning (quire.ustr.guess)
  ["invalid-utf8.md"] = "invalid UTF-8 at byte 15",
  ["list.md"] = "front matter is a list, not a map of fields",
  ["no-front-matter.md"] = "no front matter (the file does not start with a --- line)",
  ["tabs.md"] = "front matter: line 5: found character that cannot start any token while scanning for the next token",
  ["unreadable.md"] = as_root or "cannot read: Permission denied",
  ["unterminated.md"] = "front matter not closed (--- on line 2 has no closing ---)",
}
local files = 0
for _ in pairs(expected) do files = files + 1 end

-- Every committed file is in the table (a new one needs its reason here).
do
  local p = assert(io.popen("ls " .. q(src)))
  for name in p:lines() do
    if name:match("%.md$") then check.ok(expected[name] ~= nil, "expected reason for " .. name) end
  end
  p:close()
end

local chunk = "local n = 0 for rec in quire.open(...) do n = n + 1; " ..
  "if not rec.error then print('record ' .. rec.path:match('[^/]*$')) end end print('total ' .. n)"
local cmd = string.format("%s -E -e %s %s 2>%s", q(bin), q(chunk), q(dir), q(dir .. ".err"))
local p = assert(io.popen(cmd))
local out = p:read("a")
local _, _, status = p:close()
local ef = assert(io.open(dir .. ".err", "rb"))
local err = ef:read("a")
ef:close()
os.remove(dir .. ".err")

check.eq(status, 1, "exit status")
local records, errors, total = {}, {}, nil
for name in out:gmatch("record ([^\n]+)") do records[#records + 1] = name end
total = tonumber(out:match("total (%d+)"))
local prefix = dir .. "/"
for line in err:gmatch("[^\n]+") do
  if line:sub(1, #prefix) == prefix then
    local name, reason = line:sub(#prefix + 1):match("^([^:]+): (.*)$")
    check.ok(name and not errors[name], "one error line per file: " .. line)
    if name then errors[name] = reason end
  else
    check.ok(false, "stray stderr line: " .. line)
  end
end
local nerrors = 0
for _ in pairs(errors) do nerrors = nerrors + 1 end
check.eq(#records + nerrors, files, "records plus errors is the number of files")
check.eq(total, files, "quire.open yielded one record per file")
for name, want in pairs(expected) do
  if want == true then
    check.eq(errors[name], nil, name)
    local found = false
    for _, r in ipairs(records) do found = found or r == name end
    check.ok(found, "record for " .. name)
  else
    check.eq(errors[name], want, name)
  end
end

-- The folder named like a post is walked, not read: no record, no error.
check.eq(errors["folder.md"], nil)

-- The same through the Lua API: the lenient fields survive the errors.
do
  local quire = require "quire"
  local seen = {}
  for rec in quire.open(dir) do seen[rec.path:match("[^/]*$")] = rec end
  check.eq(seen["unterminated.md"].title, "never closed")
  check.eq(seen["unterminated.md"].date, "2021-04-10T16:30:33Z")
  check.eq(seen["bad-yaml.md"].date, "2021-04-10T16:30:33Z")
  check.eq(seen["alias-bomb.md"].title, "a billion laughs")
  check.eq(seen["big.md"].body, nil)
  check.same(seen["crlf.md"].categories, {"a", "b"})
  check.eq(seen["crlf.md"].title, "CRLF line ends")
  check.eq(seen["invalid-utf8.md"].title, "caf\xE9")
end

sh("chmod 600 " .. q(dir .. "/unreadable.md") .. " && rm -rf " .. q(dir))
check.done()
