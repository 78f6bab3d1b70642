-- Bad inputs (tests/data/bad/, see its README.txt, plus files that cannot be
-- committed, made here): `quire -e` over the folder gives every file exactly
-- one record or one "path: reason" line on stderr, exits 1, and each reason
-- is the expected one.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local bin = assert(os.getenv("QUIRE_BIN"), "QUIRE_BIN is not set")
local src = os.getenv("QUIRE_TESTS") .. "/data/bad"

local bad = dofile(os.getenv("QUIRE_TESTS") .. "/lua/bad_folder.lua")
local q, sh = bad.q, bad.sh

-- the committed files, the big ones, a folder named like a post, a link
-- to nowhere and a file nobody may read
local dir, as_root = bad.make()
-- Root reads files whatever their mode, so then unreadable.md is a post.
if as_root then
  io.stderr:write("note: running as root, so mode 000 does not stop reads; unreadable.md is read as a post\n")
end

-- Expected reason per file; true: a record without error.
local expected = {
  ["alias-bomb.md"] = "front matter: line 9: aliases expand to more than 1000000 nodes",
  ["bad-yaml.md"] = "front matter: line 4: did not find expected ',' or ']' while parsing a flow sequence",
  ["big.md"] = "file too large (209715200 bytes, limit 16777216; raise it with --max-bytes)",
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
  -- made at run time (bad_folder.lua)
  ["title-64k.md"] = true,
  ["nested-divs.md"] = true,
  ["attributes.md"] = true,
  -- the rest of the committed files (README.txt says what each is)
  ["bad-attributes.md"] = true,
  ["bad-indent.md"] = "front matter: line 3: mapping values are not allowed in this context",
  ["big5.md"] = true,
  ["bom-only.md"] = "no front matter (the file does not start with a --- line)",
  ["c1-controls.md"] = "front matter: line 2: control characters are not allowed",
  ["categories-nested.md"] = true,
  ["categories-scalar.md"] = true,
  ["cdata-pi-doctype.md"] = true,
  ["complex-keys.md"] = true,
  ["control-chars.md"] = "front matter: line 2: control characters are not allowed",
  ["cr-only.md"] = "no front matter (the file does not start with a --- line)",
  ["data-uri.md"] = true,
  ["date-as-list.md"] = true,
  ["date-garbage.md"] = true,
  ["date-out-of-range.md"] = true,
  ["date-year-zero.md"] = true,
  ["duplicate-keys.md"] = true,
  ["empty-front-matter.md"] = true,
  ["empty-key.md"] = true,
  ["entities-out-of-range.md"] = true,
  ["fence-trailing-space.md"] = true,
  ["four-dashes.md"] = "no front matter (the file does not start with a --- line)",
  ["iframe-form.md"] = true,
  ["jpeg-body.md"] = "binary file (NUL byte at offset 53)",
  ["json-as-post.md"] = "no front matter (the file does not start with a --- line)",
  ["latin1-body.md"] = "invalid UTF-8 at byte 66",
  ["merge-keys.md"] = true,
  ["mixed-line-endings.md"] = true,
  ["no-newline-after-fence.md"] = "front matter not closed (--- on line 1 has no closing ---)",
  ["noncharacters.md"] = "front matter: line 2: control characters are not allowed",
  ["nul-in-title.md"] = "binary file (NUL byte at offset 12)",
  ["only-fence.md"] = "front matter not closed (--- on line 1 has no closing ---)",
  ["overlong-utf8.md"] = "invalid UTF-8 at byte 65",
  ["plain.html"] = true,
  ["script-with-p.md"] = true,
  ["second-front-matter.md"] = true,
  ["self-alias.md"] = "front matter: line 4: undefined alias 'a'",
  ["stray-end-tags.md"] = true,
  ["style-only.md"] = true,
  ["surrogate-utf8.md"] = "invalid UTF-8 at byte 16",
  ["svg-math.md"] = true,
  ["tab-in-mapping.md"] = "front matter: line 4: found character that cannot start any token while scanning for the next token",
  ["title-empty.md"] = true,
  ["title-is-map.md"] = true,
  ["truncated-front-matter.md"] = "front matter not closed (--- on line 1 has no closing ---)",
  ["truncated-utf8.md"] = true, -- the cut-off last character dropped, with a warning
  ["unclosed-flow-map.md"] = "front matter: line 4: did not find expected ',' or '}' while parsing a flow mapping",
  ["unclosed-quote.md"] = "front matter: line 4: found unexpected end of stream while scanning a quoted scalar",
  ["unclosed-tags.md"] = true,
  ["undefined-alias.md"] = "front matter: line 4: undefined alias 'nowhere'",
  ["unterminated-comment.md"] = true,
  ["utf16be-bom.md"] = "binary file (NUL byte at offset 2)",
  ["utf16le-bom.md"] = "binary file (NUL byte at offset 3)",
  ["utf8-bom.md"] = true,
  ["whitespace-body.md"] = true,
  ["yaml-document-end.md"] = true,
  ["yaml-huge-numbers.md"] = true,
  ["yaml-null.md"] = true,
  ["yaml-scalar.md"] = "front matter is a string, not a map of fields",
  ["yaml-unknown-tags.md"] = true,
  ["zalgo-bidi.md"] = true,
}
local files = 0
for _ in pairs(expected) do files = files + 1 end

-- Every committed file is in the table (a new one needs its reason here).
do
  local p = assert(io.popen("ls " .. q(src)))
  for name in p:lines() do
    if name:match("%.md$") or name:match("%.html$") then check.ok(expected[name] ~= nil, "expected reason for " .. name) end
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
  check.eq(#seen["title-64k.md"].title, 65532)
  check.eq(seen["duplicate-keys.md"].title, "second")
  check.ok(seen["duplicate-keys.md"].warnings[1]:find("duplicate keys", 1, true))
  check.eq(seen["date-garbage.md"].date, nil)
  check.eq(seen["attributes.md"]:dom():select("p")[1]:attr("a1000"), "1", "first 1,000 attributes kept")
  check.eq(seen["attributes.md"]:dom():select("p")[1]:attr("a1001"), nil, "the rest dropped")
  check.eq(seen["script-with-p.md"]:dom():select("script")[1]:text(), 'document.write("</p><div>"); if (a < b && c > d) {}')
end

bad.remove(dir)
check.done()
