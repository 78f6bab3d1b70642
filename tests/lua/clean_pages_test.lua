-- The generic extractor (no profile) on saved news and blog pages
-- (NAME.html and the expected main text NAME.txt): token-level precision,
-- recall and F1 (Latin words, single CJK characters) per page and over
-- each set. Two sets:
--  * data/clean/pages: 16 pages in English, German, French and Chinese,
--    written alongside the extractor;
--  * data/clean/holdout: 176 pages imitating sites of other kinds, in seventeen
--    batches (12, 12, 12, then fourteen of 10), each written by someone who had not read the
--    extractor, before it was run on them; no page was changed after
--    scoring. Batch 1 (Ghost, Discourse, ASP.NET, MkDocs, Drupal, Hugo,
--    Next.js, cnblogs, Spanish and Japanese news) first scored F1 0.905:
--    an ASP.NET page wrapped whole in a <form> came out empty, a forum
--    thread's replies outweighed its post (fixed by generic.wrappers and
--    generic.comment_types). Batch 2 (WordPress with comments,
--    Wikipedia, Stack Overflow, a live blog, PR Newswire, a recipe card,
--    AMP, 网易, Naver, GitHub, Blogger, Substack) first scored 0.962: its
--    Korean page's Hangul counted as no text (fixed in dom_text_stats);
--    screen-reader text and heading permalinks went into paragraphs
--    (generic.never_text). Batch 3 (新浪财经, 新华网, 搜狐号, 36氪,
--    IT之家, 掘金, 知乎专栏, 百家号, 中央社 in traditional characters,
--    VnExpress, Al Jazeera in Arabic, Thairath in Thai) first scored
--    0.986; IT之家's 广告声明 line and a Zhihu image whose src was a data:
--    placeholder (its caption lost) led to fixes. Batch 4 (New York
--    Times, Washington Post, CNN, BBC, The Verge, Ars Technica,
--    TechCrunch, dev.to, Axios, AP) first scored 0.985: AP's "___"
--    trailer with credits and funding notes led to the generic cut rule
--    (only when little text follows) and the credit-line rules. Batch 5
--    (WeChat, CSDN, 新华网, 少数派, Medium, NPR, Le Monde, Spiegel, a Thai
--    and a Hindi site) first scored 0.895: WeChat serves its article
--    with visibility: hidden until a script shows it (a hidden element
--    with most of the text now stays), "ये भी पढ़ें: <link>" lines were
--    too long for the related rule (an opener before a link now counts),
--    and ad labels, code line numbers and a promotion slipped through.
--    Batch 6 (中国政府网, 知乎, 虎嗅, Qiita, Tistory, Kompas, Corriere,
--    Hürriyet, Sphinx, old Reddit) first scored 0.849: Reddit's post sits
--    in a <form> (now walked when it holds 400 bytes of text), a Zhihu
--    answer in a "CopyrightRichText" span (itemprop="text" now outweighs
--    class words). Batch 7 (Hexo NexT, 简书, 豆瓣, B站专栏, Jekyll, Notion,
--    Hacker News, note.com, El País, NOS) first scored 0.979: Notion's
--    link anchors lost to a weak class word, Hexo's code gutters kept.
--    Batch 8 (人民网, 财新, V2EX, 开源中国, Bloomberg, WordPress blocks,
--    Docusaurus, Onet, DN, Українська правда) first scored 0.958:
--    related openers in Polish, Swedish and Ukrainian; V2EX stayed weak
--    (0.731). Batch 9 (搜狐, 凤凰网, 百家号, 36氪, IT之家, The
--    Atlantic, WIRED, g1, ZEIT, 日経) first scored 0.992: a related opener
--    in capitals ("VEJA TAMBÉM:"), "Read: <link>", a pull quote repeating
--    a sentence, video lengths and picture credits alone on a line; then
--    a forum's frames (a name with "N 小时前"/"N hours ago", a view count,
--    a floor number alone) and the page title repeated after a breadcrumb,
--    which took V2EX to 0.894. Batch 10 (界面, 第一财经, 观察者网, 环球网,
--    中新网, 央视网, 南方周末, 财联社, 华尔街见闻, 新京报) first scored
--    0.992: staff lines, photo credits, 【文/…】, (完), risk notices and
--    reprint bans inside the body. Batch 11 (爱范儿, 钛媒体, 雷峰网, cnBeta,
--    联合早报, InfoQ, The Register, Engadget, ProPublica, Libération)
--    first scored 0.968: staff lines split by "丨", picture credits,
--    first-publication notes, account promos, a partner newsroom's note,
--    player labels. Batch 12 (腾讯新闻, 今日头条, 东方财富, 雪球, 微博文章,
--    The Economist, Politico, 朝日新聞, FAZ, Infobae) first scored 0.974:
--    a paywall notice inside the body, 今日头条's follow request and writer
--    line, bracketed sources, an embedded post's counts. Batch 13 (每日经济新闻,
--    极客公园, 果壳, FT中文网, 懂球帝, Los Angeles Times, CNBC, Nature,
--    franceinfo, Folha) first scored 0.979: a figure's caption in classed
--    <div>s, a site's closing block after a reprint notice, cover-picture
--    credits, a byline split by an ideographic space, a list's label. All
--    fixes are general rules.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local sys = require "quire.c.sys"

-- Tokens of TEXT as a multiset: lower-cased words, each CJK character.
local function tokens(text)
  local bag, n = {}, 0
  text = quire.ustr.lower(text)
  for cjk in text:gmatch("[\228-\233][\128-\191][\128-\191]") do
    bag[cjk] = (bag[cjk] or 0) + 1
    n = n + 1
  end
  for w in text:gsub("[\228-\233][\128-\191][\128-\191]", " "):gmatch("[%w\128-\255]+") do
    if not w:find("^[\226\227\239]") then  -- punctuation and symbols
      bag[w] = (bag[w] or 0) + 1
      n = n + 1
    end
  end
  return bag, n
end

local function score(got, want)
  local g, ng = tokens(got)
  local w, nw = tokens(want)
  local common = 0
  for t, c in pairs(g) do common = common + math.min(c, w[t] or 0) end
  return common, ng, nw
end

local tests = os.getenv("QUIRE_TESTS")

-- Pages the extractor is known to do badly on, each with the F1 it must
-- keep until it is fixed (none at present: V2EX's topic page, 0.731 in
-- batch 8, reached 0.894 once a comment's frame lines went in batch 9).
local known_weak = {}

-- Scores every page of DIR; checks each page's F1 >= 0.80 (or its
-- known_weak floor) and the set's
-- pooled F1 >= 0.90. Returns the page names and the counts of pages in
-- Latin-script languages and in Chinese or Japanese.
local function score_set(label, dir)
  local names = {}
  for _, f in ipairs(sys.list(dir) or {}) do
    local name = f:match("^(.*)%.html$")
    if name then names[#names + 1] = name end
  end
  table.sort(names)
  local tc, tg, tw = 0, 0, 0
  local latin, cjk = 0, 0
  print(label)
  print(string.format("%-26s %9s %9s %9s", "page", "precision", "recall", "F1"))
  for _, name in ipairs(names) do
    local rec = quire.record.read(dir .. "/" .. name .. ".html")
    check.eq(rec.error, nil, name .. ": read")
    local want = assert(io.open(dir .. "/" .. name .. ".txt")):read("a")
    local blocks = quire.clean(rec, {profile = "none"})
    local got = quire.clean.text(blocks)
    local c, ng, nw = score(got, want)
    local p, r = ng > 0 and c / ng or 0, nw > 0 and c / nw or 0
    local f1 = (p + r) > 0 and 2 * p * r / (p + r) or 0
    print(string.format("%-26s %9.3f %9.3f %9.3f", name, p, r, f1))
    check.ok(f1 >= (known_weak[name] or 0.80), name .. string.format(": F1 %.3f", f1))
    tc, tg, tw = tc + c, tg + ng, tw + nw
    if name:match("^zh_") or name:match("^ja_") then cjk = cjk + 1 else latin = latin + 1 end
  end
  local p, r = tc / tg, tc / tw
  local f1 = 2 * p * r / (p + r)
  print(string.format("%-26s %9.3f %9.3f %9.3f", "overall", p, r, f1))
  print()
  check.ok(f1 >= 0.90, string.format("%s: overall F1 %.3f", label, f1))
  return names, latin, cjk
end

local names, latin, cjk = score_set("pages written with the extractor", tests .. "/data/clean/pages")
check.ok(#names >= 15, "at least 15 pages, got " .. #names)
check.ok(latin >= 5 and cjk >= 5, "pages in Latin-script languages and in Chinese")
local held = score_set("held-out pages", tests .. "/data/clean/holdout")
check.ok(#held >= 176, "at least 176 held-out pages, got " .. #held)
local dir = tests .. "/data/clean/pages"

-- a plain HTML page cleans through the command line's reader too
local rec = quire.record.read(dir .. "/" .. names[1] .. ".html")
check.ok(#rec:text() > 100, "rec:text() of a page")

check.done()
