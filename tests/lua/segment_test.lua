-- quire.text and quire.c.segment: friso for Han runs, Latin words and
-- numbers kept whole, user words, stop words, bad input.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local text = quire.text
local C = require "quire.c.segment"

check.eq(text.loaded(), false, "the dictionary loads on first use only")
check.same(text.words("江苏省长凌晨开会"), {"江苏", "省长", "凌晨", "开会"})
check.eq(text.loaded(), true)
check.same(text.words("部署疫情防控工作"), {"部署", "疫情", "防控", "工作"})

-- Latin words, numbers and mixed tokens stay whole and keep their case
check.same(text.words("COVID-19疫情下，M1 Max芯片和5G网络"),
  {"COVID-19", "疫情", "下", "M1 Max", "芯片", "和", "5G", "网络"})
check.same(text.words("iPhone 13 Pro 涨价3.5%，营收100,000元"),
  {"iPhone", "13", "Pro", "涨价", "3.5", "营收", "100,000", "元"})
check.same(text.words("world's U.S.A. foo_bar café ５Ｇ"), {"world's", "U.S.A", "foo_bar", "café", "５Ｇ"})
check.same(text.words("1,2 a,b x--y M1  Max"), {"1,2", "a", "b", "x", "y", "M1", "Max"})
local words, kinds = text.tokens("COVID-19，2021年")
check.same(words, {"COVID-19", "，", "2021", "年"})
-- with starts: the byte where each token begins, for slicing without a
-- second segmentation
local w2, k2, starts = text.segmenter():tokens("COVID-19，2021年 江苏省长", true)
check.same(w2, {"COVID-19", "，", "2021", "年", "江苏", "省长"})
check.same(k2, {"latin", "punct", "number", "word", "word", "word"})
check.same(starts, {1, 9, 12, 16, 20, 26})
check.eq(select("#", text.segmenter():tokens("x")), 2, "no starts unless asked")
check.same(kinds, {"latin", "punct", "number", "word"})
check.same(text.words("你好，世界！", {punct = true}), {"你好", "，", "世界", "！"})

-- bad input: nothing, only punctuation, invalid UTF-8, a 1 MB run
check.same(text.words(""), {})
check.same(text.words("。，！？……——   \n\t"), {})
check.eq(#text.words("。，！", {punct = true}), 3)
check.same(text.words("\255\254中国\255"), {"中国"})
check.eq(#text.words("\255\254", {punct = true}), 2, "each invalid byte is one punctuation token")
local big = string.rep("扬州疫情防控形势严峻", 35000)  -- 1 MB, no punctuation
local t0 = os.clock()
local bw = text.words(big)
check.eq(table.concat(bw), big, "the words of a 1 MB run cover it exactly")
check.ok(os.clock() - t0 < 10, "1 MB segments in under 10 s")
check.raises("string expected, got nil", text.words, nil)
check.raises("string expected, got table", text.tokens, {})

-- user words: a name friso splits becomes one word
check.same(text.words("吴政隆在扬州"), {"吴", "政", "隆", "在", "扬州"})
check.eq(text.add_word("吴政隆"), true)
check.eq(text.add_word("吴政隆"), false, "added once")
check.same(text.words("吴政隆在扬州"), {"吴政隆", "在", "扬州"})
check.eq(text.known("吴政隆"), true)
local ok, err = text.add_word("ab")
check.eq(ok, nil)
check.eq(err, "'ab' is not 2 to 6 Han characters")
check.eq((text.add_word("一二三四五六七")), nil, "longer than friso matches")

-- terms files
local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write("# learned terms\n李强书记\t12.5\n\n  牛年春晚  \n")
f:close()
check.eq(text.load_terms(path), 2)
check.same(text.words("李强书记看牛年春晚"), {"李强书记", "看", "牛年春晚"})
os.remove(path)
local n, lerr = text.load_terms(path)
check.eq(n, nil)
check.ok(lerr:find("cannot read terms file", 1, true), lerr)
check.eq(text.user_terms_file(), nil, "-E ignores the user's terms file")

-- stop words and content words
check.eq(text.stopwords["的"], true)
check.eq(text.stopwords["疫情"], nil)
check.same(text.content("我们的疫情防控工作在2021年取得3.5%的成效。The COVID-19 test"),
  {"疫情", "防控", "工作", "取得", "成效", "COVID-19", "test"})
text.stopwords["成效"] = true
check.same(text.content("取得成效"), {"取得"})
text.stopwords["成效"] = nil

-- the C module directly
local seg, oerr = C.open("/nonexistent/")
check.eq(seg, nil)
check.eq(oerr, "no friso dictionary in /nonexistent/ (install friso-dict)")
seg = assert(C.open(C.default_dict:gsub("/$", "")))
check.ok(seg:size() > 100000, "the dictionary has its words")
check.eq(seg:has("疫情"), true)
check.eq(seg:has("吴政隆"), false, "each segmenter has its own user words")
check.eq(tostring(seg), "quire.Segmenter")
seg:close()
seg:close()
check.eq(tostring(seg), "quire.Segmenter (closed)")
check.raises("segmenter is closed", seg.words, seg, "中文")
check.raises("quire.Segmenter expected", C.open().words, {}, "x")
check.eq(C.is_han(utf8.codepoint("中")), true)
check.eq(C.is_han(65), false)

-- many segmenters come and go without leaking into each other
for _ = 1, 3 do
  local s = assert(C.open())
  s:add("测试词语")
  check.same(s:words("测试词语"), {"测试词语"})
end
collectgarbage()

check.done()
