--- quire.clean.generic: the generic extractor's word lists and line rules.
-- quire.clean uses these for every page and post, after the source's
-- profile (lua/quire/profiles/). Eject and edit (`quire eject clean/generic`)
-- to tune them; the scoring itself lives in lua/quire/clean.lua.
--
-- Words are matched against the parts of an element's class and id
-- ("appendQr_wrap" has the parts append, qr, wrap; "related-posts" has
-- related, posts), lower-cased.

local generic = {}

--- Elements whose content is never article text: removed first.
generic.invisible = {
  "script", "style", "noscript", "template", "head", "title", "iframe", "object",
  "embed", "svg", "canvas", "button", "input", "select", "textarea", "option",
  "meta", "link", "map", "audio", "video", "source", "track", "dialog",
}

--- Elements that are furniture (search boxes, sign-up forms) when they are
-- small: under 60% of the page's text and under 400 bytes. ASP.NET pages
-- wrap the whole page in one <form>, old Reddit each post. (The walk also
-- drops, whole, a box as small whose child <form> asks for an e-mail
-- address, a newsletter's pitch and fine print with it, and a box of at
-- most 200 bytes whose class names a video or a player and that holds a
-- text that is only the video's length, the player's title with it.)
generic.wrappers = {"form"}

--- schema.org item types of readers' comments: an element with such an
-- itemtype (or with itemprop="comment") is removed whatever its size.
generic.comment_types = {"Comment", "UserComments"}

--- Class names of elements that are never article text, wherever they
-- are, even inside a paragraph: text for screen readers only (WordPress,
-- Bootstrap, Tailwind, Drupal, Foundation, GOV.UK, USWDS) and the ¶
-- permalinks Sphinx and MkDocs put in headings, MediaWiki's [edit] links
-- and navigation boxes. Removed before the walk; an entry TAG.CLASS
-- counts on that element only.
generic.never_text = {
  "screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "element-invisible",
  "show-for-sr", "govuk-visually-hidden", "usa-sr-only", "headerlink", "mw-editsection",
  "navbox",
  -- fact boxes beside an article (MediaWiki's table.infobox): a summary
  -- of the text, not part of it (TAG.CLASS: the class counts on that
  -- element only; a news page's div.infobox is part of the article)
  "table.infobox",
  -- line numbers beside code (CSDN, Pygments, Rouge, Prism, highlight.js, Hexo)
  "pre-numbering", "linenos", "lineno", "line-numbers-rows", "hljs-ln-numbers", "gutter",
  -- posts from social networks embedded in the article (a tweet, a
  -- Bluesky, Instagram, TikTok or Mastodon post): a reaction, not its text
  "twitter-tweet", "bluesky-embed", "instagram-media", "tiktok-embed", "mastodon-embed",
}

--- Elements that hold navigation and page furniture in HTML5 pages.
generic.furniture = {"nav", "aside", "footer", "menu"}

--- ARIA roles of page furniture.
generic.roles = {
  navigation = true, banner = true, contentinfo = true, complementary = true,
  search = true, menu = true, menubar = true, dialog = true, alertdialog = true,
}

--- class/id parts that mark page furniture whatever its size.
generic.strong = {
  "comment", "comments", "commentlist", "respond", "disqus", "reply", "replies",
  "footer", "foot", "sidebar", "side", "rightbar", "leftbar", "aside", "widget", "widgets", "nav", "navbar",
  "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "masthead", "topbar",
  "share", "sharing", "social", "sns", "bshare", "jiathis", "related", "recommend",
  "recommended", "recommendation", "recommendations", "popular", "trending",
  "cookie", "cookies", "consent", "gdpr", "banner", "advert", "advertisement",
  "ads", "ad", "adsbygoogle", "sponsor", "sponsored", "promo", "promotion",
  "newsletter", "subscribe", "subscription", "signup", "login", "register",
  "modal", "popup", "overlay", "qr", "qrcode", "erweima", "download", "pagination",
  "pager", "paging", "toolbar", "tools", "print", "skip", "copyright",
  "disclaimer", "disclosure", "outbrain", "taboola", "zergnet", "rss", "feedback", "rating",
  "opt",  -- an embed's consent box ("a-opt-in": "Mit Ihrer Zustimmung wird hier ...")
  "toc",  -- a table of contents (toc_container, post-toc)
  "pullquote",  -- a sentence of the text again, large (div.pullquote)
}

--- class/id parts that mark small furniture (bylines, tags, avatars):
-- removed only when the element holds little text.
generic.weak = {
  "author", "byline", "avatar", "bio", "profile", "meta", "info", "date",
  "time", "tags", "tag", "tagcloud", "category", "categories", "label",
  "labels", "more", "origin", "source", "editor", "credit", "credits",
  "caption-credit", "follow", "like", "likes", "vote", "votes", "count",
  "views", "stat", "stats", "extra", "header", "head", "top", "hot", "list",
  "links", "link", "btn", "button", "icon", "logo", "brand", "search",
}

--- class/id parts that mark the article itself: never removed by the
-- lists above, and favoured when the main content is chosen.
generic.positive = {
  "article", "articlebody", "content", "contents", "entry", "main", "post",
  "story", "text", "body", "blog", "news", "detail", "markdown", "prose",
  "answer", "rich", "richtext", "ztext", "page",
}

--- Short lines that only advertise an app, an account or a newsletter
-- (Lua patterns over the block's text; a block up to promo_max units).
generic.promo_max = 40
generic.promo = {
  "尽在.-APP$", "尽在.-App$", "下载.-APP", "下载.-App", "APP下载", "App下载", "客户端下载",
  "扫码", "扫描二维码", "二维码", "长按识别", "长按.-关注", "点击.-关注", "关注我们",
  "关注.-公众号", "欢迎关注", "点赞.-收藏", "关注.-点赞", "点赞.-关注", "点赞.-在看", "点个.-在看", "点赞.-转发",
  "转发给.-朋友", "分享到", "分享至", "下载.-客户端",
  "^[Ss]ubscribe", "[Ss]ign up", "[Nn]ewsletter", "[Ff]ollow us", "^[Ss]hare this", "to your inbox",
  "^[Ss]hare on", "^[Ss]hare:?$", "[Dd]ownload our app", "[Aa]dvertisement$",
  "^[Aa]d$", "^AD$", "^【广告】$", "^%[广告%]$",
  "contains? affiliate links", "[Aa]s an Amazon Associate", "กดติดตาม",
  "WhatsApp Channel", "[Tt]elegram [Cc]hannel", "欢迎在评论区留言",
  "下載APP", "加入.-LINE好友", "提醒您：禁止酒駕",
}

--- Lines that only mark the end of the article ("- END -").
generic.end_marks = {"^[%-—_%s]*END[%-—_%s]*$", "^[%-—_%s]*THE END[%-—_%s]*$", "^[%-—_%s]*The End[%-—_%s]*$", "^[%-—_%s]*完[%-—_%s]*$", "^[%-—_%s]*全文完[%-—_%s]*$",
  "^%(完%)$", "^（完）$",
  -- a few words in brackets alone before or after the article: a wire's or
  -- desk's credit ("（共同）", "（編集部）", "(AP)")
  "^%([^%(%)]+%)$", "^（.-）$"}

--- Lines that open a list of links to other pages: the line and the
-- link lists right after it go. A line in capitals ("VEJA TAMBÉM:",
-- "READ MORE") is also tried in lower case.
generic.related = {
  "^相关文章", "^相关阅读", "^相关新闻", "^相关推荐", "^相关链接", "^推荐阅读",
  "^延伸阅读", "^往期", "^热门文章", "^热门推荐", "^猜你喜欢", "^更多精彩",
  "^精彩推荐", "^今日好文", "^好文推荐", "^上一篇", "^下一篇", "^[Rr]elated", "^[Yy]ou [mc][ai][yg]h?t? also like",
  "^[Rr]ead [Mm]ore", "^[Rr]ead [Nn]ext", "^[Mm]ore [Ff]rom", "^[Mm]ore [Ss]tories",
  "^[Mm]ore [Oo]n", "^[Rr]ecommended", "^[Pp]opular", "^[Tt]rending", "^[Mm]ost [Rr]ead",
  "^[Ss]ee [Aa]lso", "^[Pp]revious [Pp]ost", "^[Nn]ext [Pp]ost",
  "^[Ll]esen [Ss]ie auch", "^[Aa]uch interessant", "^[Mm]ehr zum [Tt]hema", "^[Ww]eitere [Aa]rtikel",
  "^[Aa]rticles similaires", "^[Aa]rticles connexes", "^[Ll]ire aussi", "^[ÀA] lire aussi",
  "^[Ss]ur le même sujet", "^[Tt]e puede interesar", "^[Ll]ee también", "^[Ss]eguir leyendo", "^[Nn]oticias relacionadas",
  "^[Aa]rtículos relacionados", "^[Ll]eggi anche", "^[Aa]rticoli correlati",
  "^[Ll]eia também", "^[Vv]eja também", "^[Vv]eja mais", "^[Mm]atérias relacionadas", "^[Ss]aiba mais",
  "^[Rr]ead:",
  "^Читайте также", "^ЧИТАЙТЕ ТАКЖЕ", "^Похожие новости", "^По теме", "^Смотрите также",
  "^関連記事", "^関連ニュース", "^あわせて読みたい", "^関連する記事", "^【関連", "^＜関連", "^【相关", "^【延伸阅读",
  "^관련 ?기사", "^관련 ?뉴스", "^추천 ?기사", "^▶%s*관련", "^▷%s*관련",
  "^[Tt]in liên quan", "^[Xx]em thêm", "^اقرأ أيضا", "^اقرأ أيضاً", "^مواضيع ذات صلة",
  "^อ่านข่าวที่เกี่ยวข้อง", "^ข่าวที่เกี่ยวข้อง", "^यह भी पढ़ें", "^ये भी पढ़ें", "^संबंधित खबरें",
  "^[Bb]aca [Jj]uga", "^[Bb]aca [Ss]elengkapnya", "^[İi]lgili [Hh]aberler", "^İLGİLİ HABERLER",
  "^[Mm]ás información", "^[Ll]ees ook", "^[Ll]ees meer", "^[Zz]obacz także", "^[Zz]obacz też",
  "^[Ll]äs mer", "^[Ll]äs också", "^Читайте також", "^ЧИТАЙТЕ ТАКОЖ",
}

--- Lines that open references: the link lists after them stay.
generic.references = {
  "^参考", "^引用", "^注释", "^资料来源", "^[Rr]ef$", "^[Rr]eferences?", "^[Ss]ources?:?$",
  "^[Nn]otes:?$", "^[Ff]urther [Rr]eading", "^[Bb]ibliography",
}

-- "光明日报 作者：吴亚琦 图片：新华社等" -> "光明日报" and the byline after it;
-- "本文来源：经济日报 责任编辑：李华_NF1234" -> origin and editor.
local function origin(text)
  -- "（文章来源：东方财富研究中心）": the same in brackets
  local bracketed = text:match("^%(%s*文章来源%s*:%s*(.-)%s*%)$")
  if bracketed then
    return bracketed ~= "" and {origin = bracketed} or nil
  end
  local rest = text:match("^来源%s*[:|]%s*(.-)%s*$") or text:match("^本文来源%s*:%s*(.-)%s*$")
  if not rest or rest == "" then return nil end
  local ed
  rest, ed = rest:match("^(.-)%s*责任编辑%s*:%s*(.-)$")
  if not rest then
    rest = text:match("^来源%s*[:|]%s*(.-)%s*$") or text:match("^本文来源%s*:%s*(.-)%s*$")
  elseif ed then
    ed = ed:gsub("[_%s]+[A-Z][A-Z]?%d+$", "")
  end
  local name, tail = rest:match("^(.-)%s+(作者:.*)$")
  local fields = {origin = name or rest, editor = ed}
  if tail then
    fields.byline = tail:match("^作者:%s*(.-)%s*$"):gsub("%s+图片:.*$", "")
    fields.origin = fields.origin:gsub("%s+$", "")
  end
  return fields
end

-- "梁斌 SF055" -> "梁斌" (Sina's staff codes follow the name). The
-- role and the name are split by ":" (folded from "："), "|" or "丨"
-- ("编辑丨蒋芮", as 雷峰网 and 钛媒体 write it).
local function editor(text)
  text = text:gsub("丨", "|")
  -- 新华网's tail, "【纠错】 【责任编辑：张三】", and "[责任编辑:张三]"
  text = text:gsub("^【纠错】%s*", "")
  text = text:match("^【%s*(.-)%s*】$") or text:match("^%[%s*(.-)%s*%]$") or text
  local name = text:match("^%(?%s*责任编辑%s*[:|]%s*(.-)%s*%)?$")
    or text:match("^%(?%s*编辑%s*[:|]%s*(.-)%s*%)?$")
    or text:match("^%(?%s*责编%s*[:|]%s*(.-)%s*%)?$")
  if not name or name == "" then return nil end
  name = name:gsub("[_%s]+[A-Z][A-Z]?%d+$", "")
  return {editor = name}
end

-- Credit lines of wire and newspaper stories: "... contributed to this
-- report.", and "Jill Cowan contributed reporting from Los Angeles.",
-- "Ann Lee and Bo Kim contributed reporting.", "Mollie Prescott
-- contributed research." (names: capitalised words, commas, "and"; a
-- sentence about reporting is not one).
local function credit_line(text)
  if text:find(" contributed to this report%.?$") then return true end
  local names = text:match("^(.-) contributed reporting[^%.]*%.?$")
    or text:match("^(.-) contributed research[^%.]*%.?$")
  if not names or names == "" then return nil end
  for w in names:gmatch("%S+") do
    if not (w:find("^%u") or w == "and") then return nil end
  end
  return true
end

-- "N 分钟前" and the like at the end of a short line: how long ago a
-- comment or post was written.
local AGO = {"秒前", "分钟前", "小时前", "天前", "周前", "个月前", "月前", "年前"}
local function time_ago(text)
  for _, unit in ipairs(AGO) do
    if text:find("%d%s*" .. unit .. "$") then return true end
  end
  return nil
end

local DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

-- A line forbidding reprints: "未经授权，禁止转载", "环球网版权作品，未经书面
-- 授权，严禁转载或镜像", "本文章版权归属央广网所有，未经授权不得转载".
local function reprint_ban(text)
  return (text:find("未经.-授权.-禁止转载") or text:find("版权作品.-未经.-授权")
    or text:find("未经.-授权.-严禁.-转载") or text:find("未经.-授权.-不得.-转载")) and true or nil
end

-- Sentence punctuation: a line with none is a credit, not a caption.
-- "拍摄" (filmed) ends a caption's description ("65mm 胶片 IMAX 拍摄"),
-- not a photographer's name.
local CLAUSE_MARKS = {"，", "。", "；", "：", "！", "？", ",", ";", ":"}
local function photo_credit(text)
  if not text:find("摄$") or text:find("拍摄$") then return nil end
  for _, m in ipairs(CLAUSE_MARKS) do
    if text:find(m, 1, true) then return nil end
  end
  return true
end

-- Whether W holds a mark that ends a clause (a name holds none); plain
-- finds, as a pattern's set would take the marks' bytes one by one.
local function has_clause_mark(w)
  for _, m in ipairs(CLAUSE_MARKS) do
    if w:find(m, 1, true) then return true end
  end
  return false
end

-- A staff line: roles and names only, "新京报记者 吴采倩 编辑 刘梦婕 校对 卢茜",
-- "界面新闻记者 | 陈思远", "南方周末实习生 邓子晴", "策划 | 褚杨", "作者丨邱明远",
-- "栏目主编：张三 文字编辑：李四 题图来源：视觉中国", "审核：张三 监制：李四",
-- "21世纪经济报道记者 方知远 实习生 唐一鸣 上海报道" (a last word saying where from).
-- Every word (split at white space, "|", "丨" and a role's colon) is a role, or a name of
-- at most four characters right after one; a sentence ("记者从市教委获悉")
-- is one word and no line.
local ROLES = {"记者", "编辑", "实习生", "校对", "通讯员", "摄影", "策划", "作者", "撰文", "编译",
  "主编", "责编", "美编", "审核", "审校", "监制", "统筹", "出品", "文字", "图片", "视频", "设计",
  "制图", "排版", "来源"}
local function is_role(word)
  for _, role in ipairs(ROLES) do
    if word:sub(-#role) == role then return true end
  end
  return false
end
local function staff_line(text)
  local words = {}
  -- "每经记者：李铭远　每经编辑：孙雪": the ideographic space splits words
  -- too, and so does a colon right after a role ("采写：岭南都市报记者"
  -- stays one word, a role)
  text = text:gsub("丨", "|"):gsub("：", ":"):gsub("\u{3000}", " ")
  -- in brackets: "（编译：潘月　编辑：丹妮）"
  text = text:match("^（(.-)）$") or text:match("^%((.-)%)$") or text
  for w in text:gmatch("[^%s|]+") do
    local role, name = w:match("^(.-):(.*)$")
    if role and is_role(role) then
      words[#words + 1] = role
      if name ~= "" then words[#words + 1] = name end
    else
      words[#words + 1] = w
    end
  end
  if #words < 2 or #words > 8 then return nil end
  local after_role, org_role = false, false
  for i, w in ipairs(words) do
    if is_role(w) then
      after_role = true
      -- these take an institution rather than a person
      org_role = w:find("出品$") or w:find("监制$") or w:find("来源$")
    elseif i == #words and i > 2 and w:find("报道$") and utf8.len(w) <= 6 then
      after_role = false  -- where from: "… 实习生 唐一鸣 上海报道"
    elseif after_role and utf8.len(w) and utf8.len(w) <= 4 and not w:find("[%p%d]") then
      after_role = false  -- one name per role; a second is another role's
    elseif after_role and org_role and w:find("^[\228-\233]") and utf8.len(w) and utf8.len(w) <= 16
        and not has_clause_mark(w) then
      after_role = false  -- or an institution ("出品：科普中国", "监制：中国科普博览")
    else
      return nil
    end
  end
  return true
end

--- Line rules every source gets (their form is described in
-- lua/quire/clean.lua): metadata written in the body is lifted into fields
-- of the record, and the line leaves the text. `first` lists the
-- characters a line must start with for a function rule to be tried,
-- `lead` plain text every line it matches holds: with neither, every short
-- line goes through the function.
generic.lines = {
  {name = "origin", lift = origin, max = 60, first = {"来", "本", "(", "（"}},
  {name = "editor", lift = editor, max = 40, first = {"责", "编", "(", "（"}},
  {name = "editor", lift = editor, max = 40, first = {"【", "["}, lead = "责任编辑"},
  {name = "original-title", lift = "original_title", match = "^%(?原标题%s*:%s*(.-)%s*%)?$", max = 120},
  {name = "origin-url", lift = "origin_url", match = "^原文链接%s*:%s*(%S.-)%s*$", max = 200},
  {name = "origin-url", lift = "origin_url", match = "^原文地址%s*:%s*(%S.-)%s*$", max = 200},
  {name = "origin-url", lift = "origin_url", match = "^原文%s*:%s*(https?://%S.-)%s*$", max = 200},
  {name = "origin-url", lift = "origin_url", match = "^译文链接%s*:%s*(%S.-)%s*$", max = 200},
  {name = "reprint", lift = "origin", match = "^编者按%s*:%s*本文来自(.-)，", max = 120},
  {name = "reprint", lift = "origin", match = "^编者按%s*:%s*本文来自(.-),", max = 120},
  {name = "reprint", lift = "origin", match = "^本文来自(.-)，", max = 80},
  {name = "reprint", lift = "origin", match = "^本文来源%s*:%s*(.-)%s*$", max = 40},
  {name = "byline", lift = "byline", match = "^[Bb]y ([A-Z][%w%.'%-]*[%w%. '%-]-)%s*$", max = 40},
  {name = "byline", lift = "byline", match = "^作者%s*[:|]%s*(.-)%s*$", max = 30},
  -- "文|老周说商业", "文丨李然" (a writer's line, 今日头条 and others)
  {name = "byline", lift = "byline", match = "^文%s*|%s*(%S.-)%s*$", max = 30},
  {name = "byline", lift = "byline", match = "^文%s*丨%s*(%S.-)%s*$", max = 30},
  {name = "byline", lift = "byline", match = "^[Aa]uthor:%s*(.-)%s*$", max = 40},
  {name = "dateline", drop = "^%d%d%d%d[-/.]%d%d?[-/.]%d%d?%s*[%d:]*$", max = 30},
  {name = "dateline", drop = "^%d%d%d%d年%d%d?月%d%d?日%s*[%d:]*$", max = 30},
  -- a comment's or post's frame: a name and how long ago ("lxq 2 小时 58
  -- 分钟前", "posted by kim 5 hours ago"), a view count, a number of up to
  -- three digits alone (a floor, a vote count; a year heading stays)
  {name = "time-ago", drop = time_ago, tail = "前", max = 30},
  {name = "time-ago", drop = "%d+ %a+ ago$", max = 40},
  {name = "views", drop = "%d%s*次点击$", max = 60},
  {name = "views", drop = "%d%s*次阅读$", max = 60},
  {name = "number", drop = "^%d+$", max = 3, first = DIGITS},
  {name = "staff", drop = staff_line, lead = "记者", max = 40},
  {name = "staff", drop = staff_line, lead = "编辑", max = 40},
  {name = "staff", drop = staff_line, lead = "实习生", max = 40},
  -- (these roles open their lines: "策划 | 褚杨", "作者丨邱明远")
  {name = "staff", drop = staff_line, first = {"策", "作", "撰"}, max = 40},
  {name = "staff", drop = staff_line, first = {"出"}, lead = "出品", max = 40},
  -- (and lines opened by these: "审核：张三 监制：李四", "校对：杨立林",
  -- "栏目主编：张三 …"; a first character and a lead each, so that only
  -- such lines reach the function)
  {name = "staff", drop = staff_line, first = {"审"}, lead = "审核", max = 40},
  {name = "staff", drop = staff_line, first = {"监"}, lead = "监制", max = 40},
  {name = "staff", drop = staff_line, first = {"统"}, lead = "统筹", max = 40},
  {name = "staff", drop = staff_line, first = {"校"}, lead = "校对", max = 40},
  {name = "staff", drop = staff_line, first = {"主", "栏"}, lead = "主编", max = 40},
  -- a photographer's credit alone on its line ("新京报记者 王飞 摄"; a
  -- caption that ends with one, "资料图：招聘会上。泱波 摄", stays)
  {name = "photo-credit", drop = photo_credit, tail = "摄", max = 25},
  -- a translator's bracket ("（译者/何黎）") and a note on who wrote the
  -- piece ("本文作者是英国《金融时报》驻东京记者")
  {name = "staff", drop = "^%(?译者%s*[/:|]%s*[^%s%(%)]+%)?$", max = 20},
  {name = "author-note", drop = "^本文作者[是为系]", max = 60},
  {name = "author-note", drop = "^本文作者来自", max = 120},
  -- a writer's bracket before the text ("【文/观察者网 齐倩】")
  {name = "byline", drop = "^【文%s*/.-】$", max = 30},
  -- a video's length or a time alone on its line ("02:14", "1:05:33")
  {name = "duration", drop = "^%d?%d:%d%d$", max = 5, first = DIGITS},
  {name = "duration", drop = "^%d?%d:%d%d:%d%d$", max = 8, first = DIGITS},
  -- an audio or video player's position and length ("00:00/02:41")
  {name = "duration", drop = "^%d?%d:%d%d%s*/%s*%d?%d:%d%d$", max = 13, first = DIGITS},
  -- the device a forum post was sent from ("发自虎扑iPhone客户端")
  {name = "device", drop = "^发自.-客户端$", max = 20},
  {name = "device", drop = "^来自.-客户端$", max = 20},
  -- an author's statement of interests ("作者声明本文无利益相关……")
  {name = "disclaimer", drop = "^作者声明", max = 60},
  -- a picture's credit alone on its line (（图片来源：网络，侵删）; folded)
  {name = "image-credit", drop = "^%(?图片来源%s*[:@]", max = 40},
  {name = "image-credit", drop = "^%(?图片来自%s*:", max = 40},
  {name = "image-credit", drop = "^%(?图源%s*:", max = 40},
  -- the cover picture's credit ("封面图来源：图虫创意", "*头图来源：视觉中国")
  {name = "image-credit", drop = "^%*?封面图来源%s*:", max = 60},
  {name = "image-credit", drop = "^%*?封面图片来源%s*:", max = 60},
  {name = "image-credit", drop = "^%*?头图来源%s*:", max = 60},
  {name = "image-credit", drop = "^%*?题图来源%s*:", max = 60},
  -- a caption that is only a credit ("Bild: dpa", "Chart: The Economist")
  {name = "image-credit", drop = "^Bild: [^%.!?]*$", max = 40},
  {name = "image-credit", drop = "^Foto: [^%.!?]*$", max = 40},
  {name = "image-credit", drop = "^Photo: [^%.!?]*$", max = 40},
  {name = "image-credit", drop = "^Chart: [^%.!?]*$", max = 40},
  -- a credit alone in brackets ("(Gentileza Municipalidad de Rosario)")
  {name = "image-credit", drop = "^%(Gentileza [^%(%)]*%)$", max = 60},
  {name = "image-credit", drop = "^%(Cortesía [^%(%)]*%)$", max = 60},
  {name = "image-credit", drop = "^%([Cc]ourtesy of [^%(%)]*%)$", max = 60},
  {name = "image-credit", drop = "^%(Foto: [^%(%)]*%)$", max = 60},
  {name = "image-credit", drop = "^%(Photo: [^%(%)]*%)$", max = 60},
  {name = "copyright", drop = "^版权声明", max = 200},
  -- a site's advertising notice ("广告声明：文内含有的对外跳转链接……")
  {name = "ad-notice", drop = "^广告声明%s*:", max = 200},
  -- a financial site's risk notice and a disclaimer in the body
  {name = "disclaimer", drop = "^风险提示%s*:", max = 200},
  {name = "disclaimer", drop = "^免责声明%s*:", max = 300},
  {name = "copyright", drop = "^©", max = 40},
  {name = "copyright", drop = "^ⓒ", max = 40},
  {name = "copyright", drop = "^[Cc]opyright", max = 40},
  -- a reprint notice ends the article when little text follows it (the
  -- site's closing block: "极客一问", a video, a contact for reprints)
  {name = "copyright", cut = reprint_ban, lead = "授权", max = 160},
  {name = "copyright", cut = "^%(?本文.-转载.-%)?$", max = 80},
  -- where the piece first ran ("（本文首发于钛媒体App，作者｜…）")
  {name = "reprint", drop = "^%(?本文首发于", max = 80},
  -- a paywall's notice: the rest of the page is the paywall's box
  {name = "paywall", cut = "^この記事は有料記事です", max = 40},
  {name = "paywall", cut = "^本文为付费内容", max = 40},
  -- 今日头条's opening request to follow the account
  {name = "promo", drop = "^在阅读此文之前", max = 80},
  -- a public account's or author's invitation, anywhere in the body
  {name = "promo", drop = "^#?欢迎关注.-公众号", first = {"#", "欢"}, max = 80},
  {name = "promo", drop = "^欢迎添加.-微信", max = 80},
  -- a partner newsroom's note ("This article was produced in partnership with ...")
  {name = "partner-note", drop = "^This %a+ was produced in partnership with ", max = 300},
  -- where a republished piece first ran (The Conversation's footer)
  {name = "reprint", drop = "^This article is republished from ", max = 300},
  {name = "reprint", drop = "^This article was originally published [io]n ", max = 300},
  -- a newsletter's note ("This story was first featured in the Future
  -- Perfect newsletter. Sign up here ...")
  {name = "reprint", drop = "^This %a+ was first featured in ", max = 300},
  {name = "reprint", drop = "^This %a+ first appeared in ", max = 300},
  -- a wire story's credits ("(Reporting by Jane Doe; Editing by John Smith)")
  -- and its trust note; a copyright notice written out
  {name = "credit", drop = "^%(Reporting by [^%(%)]*%)$", max = 300},
  {name = "credit", drop = "^%(Additional reporting by [^%(%)]*%)$", max = 300},
  {name = "credit", drop = "^%(Writing by [^%(%)]*%)$", max = 300},
  {name = "credit", drop = "^Reporting by %u[^%.!?]*; [Ee]diting by [^%.!?]*$", max = 300},
  {name = "credit", drop = "^Our Standards: The Thomson Reuters Trust Principles", max = 80},
  {name = "copyright", drop = "^Copyright %d%d%d%d .-[Aa]ll [Rr]ights [Rr]eserved", max = 300},
  -- a picture's credit alone ("Photo by Jane Doe on Unsplash", "Photograph: AP")
  {name = "image-credit", drop = "^Photo by [^%.!?]*$", max = 60},
  {name = "image-credit", drop = "^Image by [^%.!?]*$", max = 60},
  {name = "image-credit", drop = "^Image: [^%.!?]*$", max = 60},
  {name = "image-credit", drop = "^Photograph: [^%.!?]*$", max = 60},
  {name = "image-credit", drop = "^Credit: [^%.!?]*$", max = 60},
  -- when the story was updated or published ("Updated at 10:42 a.m. ET")
  {name = "dateline", drop = "^Updated:? .-%d?%d:%d%d", max = 50},
  {name = "dateline", drop = "^Published:? .-%d?%d:%d%d", max = 50},
  {name = "dateline", drop = "^Last updated:? .-%d", max = 50},
  -- a post's categories and tags ("Posted in Transport | Tagged buses"),
  -- a note about the author
  {name = "post-meta", drop = "^Posted in [^%.!?]*$", max = 120},
  {name = "post-meta", drop = "^Filed [Uu]nder:? [^%.!?]*$", max = 120},
  {name = "post-meta", drop = "^Tagged:? [^%.!?]*$", max = 120},
  {name = "post-meta", drop = "^Tags:? [^%.!?]*$", max = 120},
  {name = "post-meta", drop = "^标签%s*:%s*%S", max = 40},
  {name = "author-note", drop = "^About the [Aa]uthor", max = 400},
  {name = "author-note", drop = "^关于作者%s*:", max = 200},
  -- a call for tips ("Have a news tip? Email us at ...")
  {name = "promo", drop = "^Have a %a*%s?tip%?", max = 120},
  {name = "promo", drop = "^Got a %a*%s?tip%?", max = 120},
  -- notes on the pictures' rights ("图库版权图片，转载使用可能引发版权纠纷",
  -- "（本文部分图片来源于网络，如有侵权请联系删除）") and on whose work the
  -- piece is ("本文为科普中国·创作培育计划扶持作品")
  {name = "image-credit", drop = "^图库版权图片", max = 40},
  {name = "image-credit", drop = "^%(?本文部分图片来源于网络", max = 60},
  {name = "image-credit", drop = "^%(?部分图片来源于网络", max = 60},
  {name = "image-credit", drop = "^%(?图片来源于网络", max = 60},
  {name = "reprint", drop = "^本文为.-作品", max = 60},
  -- a picture gallery's title and link ("Gallery: ...", "View All 8 Images")
  {name = "ui-label", drop = "^Gallery: [^%.!?]*$", max = 80},
  {name = "ui-label", drop = "^View [Aa]ll %d+ [Ii]mages$", max = 30},
  -- the seventeenth blind batch's lines: where to send a piece, who may
  -- reprint it, a writer's signature ("西风 发自 凹非寺"), an account's
  -- name line, a German page's time stamp and programme note, a special
  -- site's link, a video's title, credits without brackets (an app's or a
  -- LINE account's pitch and a legal warning are in generic.promo: a rule
  -- that is not anchored is tried on every block, where a promotion is
  -- looked for only before and after the article)
  {name = "promo", drop = "^投稿或寻求报道", max = 60},
  {name = "copyright", drop = "^转载请联系", max = 40},
  {name = "byline", drop = "^%S+ 发自 %S+$", max = 20},
  {name = "byline", drop = "^%S+ | 公众号 [%w_]+$", max = 30},
  {name = "dateline", drop = "^Stand: %d%d?%.%d%d?%.%d%d%d%d", max = 40},
  {name = "programme-note", drop = "^Dieses Thema im Programm:", max = 200},
  {name = "ui-label", drop = "^【特設サイト】", max = 60},
  {name = "ui-label", drop = "^视频%s*|", max = 60},
  {name = "image-credit", drop = "^%(資料照片?%)$", max = 8},
  {name = "credit", drop = "^Additional reporting by [^%.]*%.?$", max = 120},
  -- a call for readers' tips ("【如果您有新闻线索，欢迎向我们报料……】")
  {name = "promo", drop = "^【如果您有新闻线索", max = 120},
  {name = "promo", drop = "^如果您有新闻线索", max = 120},
  -- an invitation to log in and comment ("(Log in to post comments)")
  {name = "ui-label", drop = "^%(?[Ll]og in to post comments%)?$", max = 30},
  {name = "ui-label", drop = "^%(?[Ll]og in to comment", max = 40},
  {name = "ui-label", drop = "^%(?[Ss]ign in to comment", max = 40},
  {name = "ui-label", drop = "^登录后.-评论", max = 20},
  -- a closing picture credit after a bar ("Imagen | Iónica Norte")
  {name = "image-credit", drop = "^Imagen %| [^%.!?]*$", max = 80},
  {name = "image-credit", drop = "^Imágenes %| [^%.!?]*$", max = 80},
  {name = "image-credit", drop = "^Image %| [^%.!?]*$", max = 80},
  {name = "image-credit", drop = "^Foto %| [^%.!?]*$", max = 80},
  -- a link to more of the same page or its pictures ("記事の全文を読む")
  {name = "ui-label", drop = "^記事の全文を読む$", max = 10},
  {name = "ui-label", drop = "^続きを読む$", max = 10},
  {name = "ui-label", drop = "^この記事の写真を見る$", max = 12},
  {name = "ui-label", drop = "^阅读全文$", max = 6},
  {name = "ui-label", drop = "^查看全文$", max = 6},
  {name = "ui-label", drop = "^展开全文$", max = 6},
  {name = "ui-label", drop = "^[Cc]ontinue reading", max = 40},
  -- an image viewer's or video player's label left as text
  {name = "ui-label", drop = "^[Cc]lick to enlarge$", max = 20},
  {name = "ui-label", drop = "^[Yy]ou[Tt]ube [Vv]ideo$", max = 15},
  -- a video's link line ("WATCH: Why chip stocks are rallying again")
  {name = "ui-label", drop = "^WATCH: ", max = 120},
  {name = "ui-label", drop = "^视频加载中", max = 12},
  -- an embedded post's counts ("转发 8评论 15赞 66")
  {name = "counts", drop = "^转发%s*%d+%s*评论%s*%d+%s*赞%s*%d+$", max = 30},
  -- a wire story's trailer rule ("___"): it and the credits, coverage
  -- links and funding notes after it go, when little text follows
  {name = "trailer", cut = "^___+$", max = 20},
  {name = "credit", drop = credit_line, lead = " contributed ", max = 120},
  -- a paper's DOI alone on its line, after a science story
  {name = "doi", drop = "^[Dd][Oo][Ii]:%s*%S+$", max = 80},
  -- a reporter's or press contact's address alone on its line
  {name = "email", drop = "^[%w%._%%%+%-]+@[%w%-]+%.[%w%.%-]+$", max = 80},
}

-- An advertising slot's label alone on its line goes anywhere in the
-- article (as a pattern: the rule book reads its first characters).
for _, label in ipairs {"[Aa]dvertisement", "ADVERTISEMENT", "[Aa]nzeige", "[Pp]ublicité",
    "[Pp]ublicidad", "[Pp]ublicidade", "[Pp]ubblicità", "[Rr]eklam", "REKLAM", "[Ii]klan",
    "Реклама", "विज्ञापन", "โฆษณา", "광고", "広告", "广告", "PR", "%[PR%]", "[Ss]ponsored", "SPONSORED"} do
  generic.lines[#generic.lines + 1] = {name = "ad-label", drop = "^" .. label .. "$", max = 20}
end

return generic
