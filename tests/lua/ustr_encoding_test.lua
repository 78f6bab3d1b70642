-- quire.ustr.guess / decode / encode on the real corpus converted to
-- GB18030, GBK and Big5 by glibc's iconv program (not by the code under
-- test), and the record reader reading such posts with a warning.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local ustr = require "quire.ustr"
local record = require "quire.record"

local q, slurp = check.q, check.slurp

-- BYTES through `iconv ARGS`; "-c" drops what the target cannot hold.
local tmp_in, tmp_out = os.tmpname(), os.tmpname()
local function iconv(bytes, args)
  local f = assert(io.open(tmp_in, "wb"))
  f:write(bytes)
  f:close()
  os.execute("iconv " .. args .. " < " .. q(tmp_in) .. " > " .. q(tmp_out) .. " 2>/dev/null")
  return slurp(tmp_out)
end

local posts = {}
do
  local p = assert(io.popen("find " .. q(check.corpus()) .. " -type f -name '*.md' | sort"))
  for path in p:lines() do posts[#posts + 1] = path end
  p:close()
end
check.ok(#posts > 100, "corpus posts found")

-- Enough Chinese that "which encoding is this" has an answer: posts that
-- are mostly Korean or Japanese lose their text to GBK/Big5 with -c.
local function chinese_enough(text)
  local n = 0
  for _ in text:gmatch("[\xE4-\xE9][\x80-\xBF][\x80-\xBF]") do n = n + 1 end
  return n >= 20
end

local counts = {utf8 = 0, gb18030 = 0, gbk = 0, big5 = 0, records = 0}
for _, path in ipairs(posts) do
  local text = slurp(path)
  local name = path:match("[^/]*$")
  if check.eq(ustr.guess(text), "UTF-8", name) then counts.utf8 = counts.utf8 + 1 end

  -- GB18030 holds all of Unicode: decoding gives the post back exactly
  local gb = iconv(text, "-f UTF-8 -t GB18030")
  if gb ~= text and chinese_enough(text) then
    check.eq(ustr.encode(text, "GB18030"), gb, "encode " .. name)
    check.eq(ustr.guess(gb), "GB18030", name)
    check.eq(ustr.decode(gb, "GB18030"), text, name)
    counts.gb18030 = counts.gb18030 + 1

    -- the record reader decodes it and says so
    local want = record.parse(text, path)
    local rec = record.parse(gb, path)
    check.eq(rec.error, want.error, name)
    check.eq(rec.title, want.title, name)
    check.eq(rec.date, want.date, name)
    check.eq(rec.body, want.body, name)
    check.same(rec.categories, want.categories, name)
    check.eq(rec.warnings and rec.warnings[1], "decoded from GB18030", name)
    counts.records = counts.records + 1
  end

  -- GBK and Big5 cannot hold everything (emoji, Hangul, simplified forms
  -- in Big5): iconv -c drops those, and the rest is still real text
  for _, enc in ipairs({"GBK", "BIG5"}) do
    local bytes = iconv(text, "-c -f UTF-8 -t " .. enc)
    local back = iconv(bytes, "-f " .. enc .. " -t UTF-8")
    if bytes ~= back and chinese_enough(back) then
      local want = enc == "GBK" and "GB18030" or "BIG5"
      check.eq(ustr.guess(bytes), want, enc .. " " .. name)
      check.eq(ustr.decode(bytes, want), back, enc .. " " .. name)
      counts[enc:lower()] = counts[enc:lower()] + 1
      if enc == "BIG5" then
        local rec = record.parse(bytes, path)
        check.eq(rec.title, record.parse(back, path).title, name)
        check.eq(rec.warnings and rec.warnings[1], "decoded from BIG5", name)
      end
    end
  end
end
os.remove(tmp_in)
os.remove(tmp_out)
print(string.format("guess on %d corpus posts: %d as UTF-8, %d in GB18030, %d in GBK, %d in Big5",
  #posts, counts.utf8, counts.gb18030, counts.gbk, counts.big5))
check.ok(counts.gb18030 > 100 and counts.gbk > 100 and counts.big5 > 50, "enough posts converted")

-- decode / encode failures are values, not errors
do
  local text, err = ustr.decode("ab\xFF", "GBK")
  check.eq(text, nil)
  check.eq(err, "invalid GBK at byte 3")
  text, err = ustr.encode("a😀", "GBK")
  check.eq(text, nil)
  check.eq(err, "cannot encode in GBK the character at byte 2")
  check.eq(ustr.encode("中文", "BIG5"), "\xA4\xA4\xA4\xE5")
  check.eq(ustr.decode("\xD6\xD0\xCE\xC4", "GBK"), "中文")
end

-- Bytes that are neither: Latin-1, binary, cut-off GBK
check.eq(ustr.guess("caf\xE9 ol\xE9"), nil)
check.eq(ustr.guess("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\xFF\xD8"), nil)
check.eq(ustr.guess("\xD6\xD0\xCE\xC4\xD6"), nil)

-- UTF-8 that is damaged is still UTF-8, not GB18030 mojibake: cut off
-- inside its last character (any of the 2-, 3- and 4-byte forms), or with
-- a stray byte among many good characters
check.eq(ustr.guess("中文" .. "\xD6"), "UTF-8")
check.eq(ustr.guess("<p>中文" .. ("中"):sub(1, 2)), "UTF-8")
check.eq(ustr.guess("<p>中文" .. ("😀"):sub(1, 3)), "UTF-8")
check.eq(ustr.guess("新闻内容，这是一段中文。\xFF新闻内容，这是一段中文。"), "UTF-8")
do
  local rec = record.parse("---\ntitle: 标题\n---\n<p>中文" .. ("文"):sub(1, 2))
  check.eq(rec.error, nil)
  check.eq(rec.body, "<p>中文")
  check.eq(rec.warnings and rec.warnings[1],
    "the file ends inside a UTF-8 character: its last 2 byte(s) were dropped")
  -- a stray byte in the middle is still an error, not guessed away
  rec = record.parse("---\ntitle: 标题\n---\n<p>中文\xFF中文中文中文中文</p>")
  check.eq(rec.error, "invalid UTF-8 at byte 31")
end

-- The record reader keeps the error when the bytes are not Chinese
do
  local rec = record.parse("---\ntitle: caf\xE9\n---\nbody")
  check.eq(rec.error, "invalid UTF-8 at byte 14")
  check.eq(rec.warnings, nil)
  rec = record.parse("---\ntitle: \xD6\xD0\xCE\xC4\xB1\xEA\xCC\xE2\n---\n<p>\xD5\xFD\xCE\xC4</p>")
  check.eq(rec.error, nil)
  check.eq(rec.title, "中文标题")
  check.eq(rec.body, "<p>正文</p>")
  check.same(rec.warnings, {"decoded from GB18030"})
end

check.done()
