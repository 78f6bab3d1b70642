-- quire.ustr through the Lua API: Unicode's conformance files through the
-- binding, table-driven cases (real sentences from the corpus among them),
-- and bad arguments of every kind to every function.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local ustr = require "quire.ustr"

local function utf8_of(hex)
  local cps = {}
  for h in hex:gmatch("%x+") do cps[#cps + 1] = tonumber(h, 16) end
  return utf8.char(table.unpack(cps))
end

-- GraphemeBreakTest.txt: every line, through ustr.graphemes and ngraphemes.
do
  local f = io.open("/usr/share/unicode/auxiliary/GraphemeBreakTest.txt")
  check.ok(f, "GraphemeBreakTest.txt (package unicode-data)")
  local lines, passed = 0, 0
  for line in f and f:lines() or function() end do
    line = line:gsub("#.*", "")
    if line:find("%x") then
      -- "÷ 0061 × 0308 ÷ 0062 ÷": clusters are the runs between ÷ marks
      local want, cur = {}, {}
      for tok in line:gmatch("%S+") do
        if tok == "÷" then
          if #cur > 0 then want[#want + 1] = utf8.char(table.unpack(cur)); cur = {} end
        elseif tok ~= "×" then
          cur[#cur + 1] = tonumber(tok, 16)
        end
      end
      local s = table.concat(want)
      local got = {}
      for g in ustr.graphemes(s) do got[#got + 1] = g end
      lines = lines + 1
      if check.same(got, want, line) and check.eq(ustr.ngraphemes(s), #want) then passed = passed + 1 end
    end
  end
  if f then f:close() end
  print(string.format("GraphemeBreakTest.txt: %d lines checked, %d passed", lines, passed))
  check.ok(lines > 600, "GraphemeBreakTest.txt has its lines")
end

-- NormalizationTest.txt (Debian ships it bzip2'ed): every line, through
-- ustr.normalize, against the invariants stated at the top of the file.
do
  local path = "/usr/share/unicode/NormalizationTest.txt"
  local f = io.open(path) or io.popen("bzip2 -dc " .. path .. ".bz2 2>/dev/null")
  local lines, passed = 0, 0
  local N = ustr.normalize
  for line in f:lines() do
    if line:find("^%x") then
      local c = {}
      for col in line:gmatch("([^;]*);") do
        c[#c + 1] = utf8_of(col)
        if #c == 5 then break end
      end
      local ok = true
      for i = 1, 3 do
        ok = ok and N(c[i], "NFC") == c[2] and N(c[i], "NFD") == c[3]
      end
      for i = 4, 5 do
        ok = ok and N(c[i], "NFC") == c[4] and N(c[i], "NFD") == c[5]
      end
      for i = 1, 5 do
        ok = ok and N(c[i], "NFKC") == c[4] and N(c[i], "NFKD") == c[5]
      end
      lines = lines + 1
      if ok then passed = passed + 1 else check.ok(false, "NormalizationTest.txt: " .. line) end
    end
  end
  f:close()
  print(string.format("NormalizationTest.txt: %d lines checked, %d passed", lines, passed))
  check.ok(lines > 18000, "NormalizationTest.txt has its lines (package unicode-data)")
  check.eq(passed, lines)
end

-- len, sub, chars
check.eq(ustr.len("中文abc"), 5)
check.eq(ustr.len("e\u{301}"), 2)
check.eq(ustr.len("a\0b"), 3)
check.eq(ustr.len("\xE4\xB8"), 2)
for _, c in ipairs({
  {"你好世界", 2, 3, "好世"}, {"你好世界", -2, nil, "世界"}, {"你好世界", 0, 1, "你"},
  {"你好世界", 3, 2, ""}, {"你好世界", -10, 2, "你好"}, {"你好世界", 2, 100, "好世界"},
  {"😀a😀", 2, 2, "a"}, {"", 1, nil, ""},
}) do
  check.eq(ustr.sub(c[1], c[2], c[3]), c[4], c[1] .. " " .. c[2])
end
do
  local got = {}
  for ch, pos, cp in ustr.chars("a中\xFF😀") do got[#got + 1] = {ch, pos, cp} end
  check.same(got, {{"a", 1, 97}, {"中", 2, 0x4E2D}, {"\xFF", 5, 0xFFFD}, {"😀", 6, 0x1F600}})
  local gs = {}
  for g, pos in ustr.graphemes("e\u{301}中\r\n🇨🇳") do gs[#gs + 1] = g .. "@" .. pos end
  check.same(gs, {"e\u{301}@1", "中@4", "\r\n@7", "🇨🇳@9"})
end

-- width: wide = 2, combining = 0, ambiguous 1 or 2
for _, c in ipairs({
  {"abc", 3, 3}, {"中文", 4, 4}, {"ＡＢＣ", 6, 6}, {"\u{3000}", 2, 2}, {"e\u{301}", 1, 1},
  {"“引号”", 6, 8}, {"…", 1, 2}, {"①②", 2, 4}, {"😀", 2, 2}, {"👨‍👩‍👧", 2, 2}, {"🇨🇳", 2, 2},
  {"한국어", 6, 6}, {"سلام", 4, 4}, {"Привет", 6, 12}, {"", 0, 0}, {"a\nb", 2, 2},
}) do
  check.eq(ustr.width(c[1]), c[2], c[1])
  check.eq(ustr.width(c[1], 2), c[3], c[1] .. " (ambiguous 2)")
end
ustr.defaults.ambiguous = 2
check.eq(ustr.width("“”"), 4, "defaults.ambiguous")
check.eq(ustr.truncate("“引号”", 4), "“…", "defaults.ambiguous in truncate")
check.eq(ustr.pad("“”", 5), "“” ", "defaults.ambiguous in pad")
ustr.defaults.ambiguous = 3
check.raises("quire.ustr.defaults.ambiguous must be 1 or 2", ustr.width, "a")
ustr.defaults.ambiguous = 1
ustr.defaults.ellipsis = "..."
check.eq(ustr.truncate("abcdef", 5), "ab...")
ustr.defaults.ellipsis = "…"

-- truncate: by columns, never inside a grapheme cluster
for _, c in ipairs({
  {{"中文分词测试", 7}, "中文分…"},
  {{"中文分词测试", 12}, "中文分词测试"},
  {{"中文分词测试", 6, ""}, "中文分"},
  {{"中文分词测试", 5, ""}, "中文"},
  {{"abcdef", 4, "..."}, "a..."},
  {{"abcdef", 2, "..."}, ".."},
  {{"e\u{301}e\u{301}e\u{301}", 2, ""}, "e\u{301}e\u{301}"},
  {{"👨‍👩‍👧👨‍👩‍👧", 3, ""}, "👨‍👩‍👧"},
  {{"🇨🇳🇯🇵", 3}, "🇨🇳…"},
  {{"abc", 0}, ""},
  {{"", 3}, ""},
}) do
  check.eq(ustr.truncate(table.unpack(c[1])), c[2], c[1][1] .. " " .. c[1][2])
end

-- pad
check.eq(ustr.pad("中", 5), "中   ")
check.eq(ustr.pad("中", 5, "right"), "   中")
check.eq(ustr.pad("中", 5, "center"), " 中  ")
check.eq(ustr.pad("中文字", 4), "中文字")
check.raises("bad argument #3 to 'quire.ustr.pad' (invalid option 'middle')", ustr.pad, "a", 3, "middle")

-- normalize, fold, lower, upper
check.eq(ustr.normalize("e\u{301}"), "é")
check.eq(ustr.normalize("é", "NFD"), "e\u{301}")
check.eq(ustr.normalize("ＡＢＣ１２３，。", "NFKC"), "ABC123,。")
check.eq(ustr.normalize("ﬁ", "NFKD"), "fi")
check.eq(ustr.normalize("中文，正文。"), "中文，正文。")
check.eq(ustr.normalize("\u{2000}"), "\u{2002}", "a singleton: not left alone by the quick check")
check.eq(ustr.normalize("가\u{11A8}"), "각", "Hangul LV + T")
check.eq(ustr.normalize("a\xFFb"), "a\u{FFFD}b")
check.raises("ustr.normalize' (invalid option 'NFX')", ustr.normalize, "a", "NFX")
check.eq(ustr.fold("Straße ΣΑΣ"), "strasse σασ")
check.eq(ustr.lower("ÀB Ω"), "àb ω")
check.eq(ustr.upper("àb ω"), "ÀB Ω")

-- category, script, is_cjk, cjk_ratio
for _, c in ipairs({
  {"A", "Lu"}, {"a", "Ll"}, {"中", "Lo"}, {"7", "Nd"}, {"。", "Po"}, {"（", "Ps"}, {"\u{3000}", "Zs"},
  {0x4E2D, "Lo"}, {0x0378, "Cn"}, {"😀", "So"}, {"\u{301}", "Mn"},
}) do
  check.eq(ustr.category(c[1]), c[2], tostring(c[1]))
end
for _, c in ipairs({
  {"中", "Han"}, {"々", "Han"}, {"あ", "Hiragana"}, {"ア", "Katakana"}, {"한", "Hangul"},
  {"a", "Latin"}, {"é", "Latin"}, {"Ж", "Cyrillic"}, {"س", "Arabic"}, {"پ", "Arabic"},
  {"。", "Common"}, {"，", "Common"}, {"1", "Common"}, {"😀", "Common"}, {0x3042, "Hiragana"},
}) do
  check.eq(ustr.script(c[1]), c[2], tostring(c[1]))
end
check.eq(ustr.is_cjk("中"), true)
check.eq(ustr.is_cjk("。"), false)
check.eq(ustr.is_cjk("a"), false)
check.eq(ustr.cjk_ratio("中文ab"), 0.5)
check.eq(ustr.cjk_ratio(""), 0.0)
check.eq(ustr.cjk_ratio("，。！"), 0.0)

-- trim, squeeze
for _, c in ipairs({
  {"  abc  ", "abc"}, {"\u{3000}\u{3000}正文\u{A0}", "正文"}, {"\t\r\n", ""}, {"", ""},
  {"\u{200B}a", "\u{200B}a"}, {"中 文", "中 文"}, {"\u{2029}段落\u{2028}", "段落"},
}) do
  check.eq(ustr.trim(c[1]), c[2], c[1])
end
check.eq(ustr.squeeze("a \u{3000} b\n\n\u{A0}c"), "a b\nc")
check.eq(ustr.squeeze("\u{3000}\u{3000}首行"), " 首行")

-- halfwidth keeps CJK punctuation; fullwidth is the reverse
for _, c in ipairs({
  {"ＡＢＣａｂｃ０１２３", "ABCabc0123"},
  {"价格：＄１２．５，涨幅＋３％！", "价格：$12.5，涨幅+3%！"},
  {"他说：“好。”（完）", "他说：“好。”（完）"},
  {"ｉＰｈｏｎｅ　１３", "iPhone　13"},
  {"半角ｶﾀｶﾅ￥", "半角ｶﾀｶﾅ￥"},
}) do
  check.eq(ustr.halfwidth(c[1]), c[2], c[1])
end
check.eq(ustr.halfwidth("你好，世界！", true), "你好,世界!")
check.eq(ustr.fullwidth("ABC 123,!"), "ＡＢＣ １２３，！")
check.eq(ustr.fullwidth("a b", true), "ａ\u{3000}ｂ")
check.eq(ustr.halfwidth(ustr.fullwidth("Hello, World! 1+1=2")), "Hello， World！ 1+1=2")

-- sentences: made-up cases, then sentences from the corpus as written
for _, c in ipairs({
  {"他说：“好。”他走了。", {"他说：“好。”", "他走了。"}},
  {"增长3.5%。下降了！真的吗？是的；", {"增长3.5%。", "下降了！", "真的吗？", "是的；"}},
  {"等等……然后呢？！好", {"等等……", "然后呢？！", "好"}},
  {"Hello world. It is 3.5 now! Node.js? Yes.", {"Hello world.", "It is 3.5 now!", "Node.js?", "Yes."}},
  {"「完了。」他想。", {"「完了。」", "他想。"}},
  {"标题\n\n\u{3000}\u{3000}正文。", {"标题", "正文。"}},
  {"", {}},
  -- corpus: IT 之家, 10 万老人每天上网超 10 小时
  {"数据显示，我国 60 岁及以上群体的网络普及率为 38.6%。其中，有超过 10 万老人日均在线超过 10 个小时。",
   {"数据显示，我国 60 岁及以上群体的网络普及率为 38.6%。", "其中，有超过 10 万老人日均在线超过 10 个小时。"}},
  -- corpus: 5G 毫米波传输距离纪录刷新
  {"在一次视距测试中，三家公司以 748Mbps 的下行速率、56.78Mbps 的上行速率，实现了 11.14 千米的数据传输。",
   {"在一次视距测试中，三家公司以 748Mbps 的下行速率、56.78Mbps 的上行速率，实现了 11.14 千米的数据传输。"}},
  -- corpus: a book blurb quoting a review
  {"“‘家人’和‘爱’这些被认为是理所当然的存在，其实并非理所当然。”“包含了虐待儿童、外国人低薪劳动、无户籍儿童、LGBT等沉重的主题，值得一读。”",
   {"“‘家人’和‘爱’这些被认为是理所当然的存在，其实并非理所当然。”",
    "“包含了虐待儿童、外国人低薪劳动、无户籍儿童、LGBT等沉重的主题，值得一读。”"}},
  -- corpus: 1 行代码生成随机迷宫
  {"探索游戏中的迷宫很有趣，然而玩多了就没啥“新鲜感”了？所以，这些特定规则究竟长啥样？",
   {"探索游戏中的迷宫很有趣，然而玩多了就没啥“新鲜感”了？", "所以，这些特定规则究竟长啥样？"}},
  {"犯愁。熬夜玩游戏、做饭刷视频、网购买不停……", {"犯愁。", "熬夜玩游戏、做饭刷视频、网购买不停……"}},
  {"感情快要狠狠责骂孩子的时候，我一定会想起Blue。 Blue可以成为一种威慑力量。”",
   {"感情快要狠狠责骂孩子的时候，我一定会想起Blue。", "Blue可以成为一种威慑力量。”"}},
}) do
  check.same(ustr.sentences(c[1]), c[2], c[1])
end

-- bigrams over CJK runs
check.same(ustr.bigrams("中文分词abc测试。好"), {"中文", "文分", "分词", "测试", "好"})
check.same(ustr.bigrams("abc，。"), {})
check.same(ustr.bigrams("한국어"), {"한국", "국어"})

-- valid, repair
check.eq(ustr.valid("中文"), true)
check.same({ustr.valid("ab\xE4\xB8")}, {false, 3})
check.eq(ustr.repair("a\xFFb"), "a\u{FFFD}b")
check.eq(ustr.repair("中文"), "中文")

-- wrap: the functions as methods
do
  local w = ustr.wrap("\u{3000}ＡＢＣ，你好 ")
  check.eq(w:trim():halfwidth():str(), "ABC，你好")
  check.eq(#w, 8)
  check.eq(w:width(), 15)
  check.eq(tostring(w:trim():sub(1, 3)), "ＡＢＣ")
  check.eq(w:trim():truncate(5, ""):str(), "ＡＢ")
  check.same(ustr.wrap("好。好。"):sentences(), {"好。", "好。"})
  check.eq(ustr.wrap("a") == ustr.wrap("a"), true)
  check.eq(tostring(ustr.wrap("a") .. "b"), "ab")
  check.raises("bad argument #1 to 'quire.ustr.wrap' (string expected, got table)", ustr.wrap, {})
end

-- Bad input: invalid UTF-8, NUL bytes and a 10 MB string give values;
-- a non-string is a clear argument error. Nothing crashes.
do
  local big = string.rep("中文，English 1.5。\u{3000}", 400000) -- about 10 MB
  check.ok(#big > 10e6, "big is 10 MB")
  local inputs = {"\xFF\xFE\xE4\xB8", "a\0b\0中", big, "\xED\xA0\x80\xF4\x90\x80\x80\xC0\xAF"}
  local takes_string = {
    "len", "ngraphemes", "width", "normalize", "fold", "lower", "upper", "cjk_ratio", "trim",
    "squeeze", "halfwidth", "fullwidth", "sentences", "bigrams", "valid", "repair", "guess",
  }
  for _, s in ipairs(inputs) do
    for _, name in ipairs(takes_string) do
      local ok, err = pcall(ustr[name], s)
      check.ok(ok, name .. " on bad input: " .. tostring(err))
    end
    check.ok(pcall(ustr.sub, s, 2, -2), "sub")
    check.ok(pcall(ustr.truncate, s, 10), "truncate")
    check.ok(pcall(ustr.pad, s, 10), "pad")
    check.ok(pcall(ustr.category, s), "category")
    check.ok(pcall(ustr.script, s), "script")
    check.ok(pcall(ustr.is_cjk, s), "is_cjk")
    local n = 0
    for _ in ustr.graphemes(s) do n = n + 1 end
    check.eq(n, ustr.ngraphemes(s))
    n = 0
    for _ in ustr.chars(s) do n = n + 1 end
    check.eq(n, ustr.len(s))
    check.eq(ustr.valid(ustr.normalize(s)), true, "normalize output is valid UTF-8")
    check.eq(ustr.valid(ustr.halfwidth(s)), true, "halfwidth output is valid UTF-8")
    local d = ustr.decode(s, "GB18030")
    check.ok(d == nil or ustr.valid(d), "decode gives valid UTF-8 or nil")
  end
  check.eq(ustr.len(big), utf8.len(big))
  check.eq(ustr.width(big), 400000 * 21)
  check.eq(#ustr.sentences(big), 400000)
  check.eq(ustr.normalize(big), big)
  check.eq(ustr.len("a\0b"), 3)
  check.eq(ustr.width("a\0b"), 2)
  check.same(ustr.sentences("a。\0b"), {"a。", "\0b"})

  for _, name in ipairs(takes_string) do
    check.raises("ustr." .. name .. "' (string expected, got table)", ustr[name], {})
    check.raises("ustr." .. name .. "' (string expected, got no value)", ustr[name])
  end
  for _, name in ipairs({"category", "script", "is_cjk"}) do
    check.raises("ustr." .. name .. "' (string or integer expected, got table)", ustr[name], {})
    check.raises("ustr." .. name .. "' (empty string)", ustr[name], "")
    check.raises("ustr." .. name .. "' (code point out of range)", ustr[name], 0x110000)
    check.raises("ustr." .. name .. "' (code point out of range)", ustr[name], -1)
    check.raises("number has no integer representation", ustr[name], 1.5)
  end
  check.raises("ustr.sub' (number expected, got no value)", ustr.sub, "abc")
  check.raises("ustr.truncate' (columns must not be negative)", ustr.truncate, "abc", -1)
  check.raises("ustr.width' (ambiguous width must be 1 or 2)", ustr.width, "abc", 3)
  check.raises("ustr.decode' (unknown encoding 'NO-SUCH')", ustr.decode, "abc", "NO-SUCH")
  check.raises("ustr.encode' (string expected, got no value)", ustr.encode, "abc")
  check.raises("ustr.graphemes' (string expected, got nil)", ustr.graphemes, nil)
  check.raises("bad argument #1 to 'quire.ustr.pad' (string expected, got table)", ustr.pad, {}, 3)
  check.raises("bad argument #2 to 'quire.ustr.pad' (number expected, got string)", ustr.pad, "a", "x")
  check.raises("bad argument #2 to 'quire.ustr.pad' (number has no integer representation)", ustr.pad, "a", 1.5)
  -- numbers are read as strings, like the string library does
  check.eq(ustr.len(12.5), 4)
end

check.done()
