-- quire.clean over every post of the real corpus: the known boilerplate of
-- each source is gone, every line of article text is still there (a line
-- of the raw body may only go when it matches the source's list below),
-- metadata lines become fields, and with --profile none the generic
-- extractor alone still removes the Sina and Zhihu boilerplate.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local ustr = quire.ustr

-- Per source: strings that must be gone from every post's text, lines of
-- the raw body allowed to go (Lua patterns), strings that must stay.
local sources = {
  ["新浪财经"] = {
    gone = {"海量资讯、精准解读，尽在新浪财经APP", "责任编辑", "appendQr", "article_adlist"},
    may_go = {"^来源", "^原标题", "^►文"},
    kept = {"内蒙古是产煤大区", "河北沧州盐山县韩集镇王复娥村九旬抗美援朝老兵王金荣",
            "如果找不到喜欢的工作，也没能创业怎么办？"},
  },
  ["知乎"] = {
    gone = {"查看知乎原文", "查看知乎讨论", "中科院长春应化所在读 回答又臭又长", "看懂中国之美"},
    may_go = {"查看知乎原文$", "^本文全球范围内的信息网络传播权", "^PrimoCache",
              -- the answers' author lines (name，bio) are lifted into answer_author
              "^[^，]+，"},
    kept = {"别神话分形，虽然理论上无限大", "在把一根雪糕放到收银台之前，你很难想象它能有多贵。",
            "总之不可能有 1g 能和地球比的"},
  },
  ["IT 之家"] = {
    gone = {"的线索投递", "本文用于传递优惠信息", "【广告】"},
    may_go = {"^感谢IT之家网友", "^本文用于传递优惠信息", "^京东", "^《电子驾照明天正式上线"},
    kept = {"IT之家 7 月 14 日消息，据 Apple Insider 报道", "https://github.com/mxgmn/MarkovJunior"},
  },
  ["掘金"] = {
    gone = {"复制代码", "往期传送门", "上一篇传送门"},
    may_go = {"复制代码", "传送门", "^Vue实战之从零搭建", "^推荐：", "^Github来源：", "^技术创作者们"},
    -- the TypeScript post ends with a list of the author's other posts
    may_go_after = {["一份不可多得的TypeScript系统入门整理 _ 创作者训练营第二期.md"] = "^JS葵花宝典秘籍笔记"},
    kept = {"闲暇时间写写文章，能写多少写多少"},
  },
  ["cnBeta"] = {
    gone = {"相关文章", "禁完x86禁Arm RISC-V或成俄罗斯唯一选择"},
    may_go = {"^Linux 5.17增加了对RISC%-V", "^RISC%-V巨头SiFive", "^禁完x86"},
    kept = {"https://lore.kernel.org/lkml/"},
  },
  ["Dockone"] = {gone = {"原文链接：", "译文链接："}, may_go = {"^原文链接", "^译文链接"}},
  ["GameRes 游资网"] = {gone = {"原文：https://mp.weixin.qq.com"}, may_go = {"^原文："}},
  ["36kr"] = {gone = {"36氪经授权发布"}, may_go = {"^编者按：本文来自"},
              kept = {"千呼万唤始出来，等待了五年"}},
  ["SoBooks"] = {gone = {"书名：", "ISBN："},
                 may_go = {"^书名", "^作者", "^格式", "^标签", "^时间", "^评分", "^ISBN"},
                 kept = {"内容简介"}},
  ["东方我乐多丛志 - 文章"] = {gone = {"东方我乐多丛志正在向大家征集新闻素材", "翻译/皇之子龙"},
                              may_go = {"^「希望能介绍一下", "^请在下述链接", "^https://touhougarakuta.com/news/press"}},
  ["Google Sites"] = {gone = {"若有任何錯誤或建議"}, may_go = {"^若有任何錯誤或建議"}},
  ["ACM"] = {gone = {"Author: Thomas Haigh"}, kept = {"Yoshua Bengio was born to two college students in Paris"}},
  ["开源中国"] = {may_go = {"^具体见 Release 发布版本"}},
  ["Bangumi - 用户日志"] = {may_go = {"年度", "精选"}},
  ["Axis Studios"] = {may_go = {"^Direction"}},
  ["AI 研习社"] = {may_go = {"^Photo by"}},
  ["DLsite - 产品打折信息"] = {may_go = {"^販売日"}},
}

local function flat(s) return (s:gsub("%s+", "")) end

local function allowed(spec, line, file, after)
  -- a line of symbols only ("————————") is a decoration, not text
  if not line:find("[%w\228-\233]") then return true end
  if not spec then return false end
  if after then return true end
  for _, p in ipairs(spec.may_go or {}) do
    if line:find(p) then return true end
  end
  for _, g in ipairs(spec.gone or {}) do
    if line:find(g, 1, true) then return true end
  end
  return false
end

local posts, lost, cleaned = 0, {}, 0
local sina_editors, zhihu_authors = 0, 0
for rec in quire.open(check.corpus()) do
  if rec.body then
    posts = posts + 1
    local spec = sources[rec.source]
    local text = rec:text()
    local ftext = flat(text)
    if #text > 0 then cleaned = cleaned + 1 end
    for _, s in ipairs(spec and spec.gone or {}) do
      check.ok(not text:find(s, 1, true), rec.path .. ": still has " .. s)
    end
    -- every line of the raw body is still there, or allowed to go
    local file = rec.path:match("[^/]*$")
    local after = false
    for _, b in ipairs(quire.clean(rec, {raw = true})) do
      for line in b.text:gmatch("[^\n]+") do
        local l = flat(line)
        if spec and spec.may_go_after and spec.may_go_after[file] and line:find(spec.may_go_after[file]) then
          after = true
        end
        if (utf8.len(l) or 0) >= 12 and not ftext:find(l, 1, true) and not allowed(spec, line, file, after) then
          lost[#lost + 1] = rec.path .. ": lost " .. ustr.truncate(line, 60)
        end
      end
    end
    if rec.source == "新浪财经" then
      check.ok(rec.editor and rec.editor ~= "" and not rec.editor:find("编辑"), rec.path .. ": editor")
      if rec.editor then sina_editors = sina_editors + 1 end
    elseif rec.source == "知乎" and rec.answer_author then
      zhihu_authors = zhihu_authors + 1
    end
  end
end
check.ok(posts >= 160, "corpus posts: " .. posts)
check.eq(#lost, 0, "article lines lost")
for _, l in ipairs(lost) do io.stderr:write(l, "\n") end
check.eq(sina_editors, 15, "Sina posts with an editor")
check.eq(zhihu_authors, 18, "Zhihu answers with their author")

-- kept strings, one source at a time
for source, spec in pairs(sources) do
  for _, s in ipairs(spec.kept or {}) do
    local found = false
    for rec in quire.open(check.corpus(), {where = function(r) return r.source == source end}) do
      if rec:text():find(s, 1, true) then found = true; break end
    end
    check.ok(found, source .. ": kept " .. s)
  end
end

-- lifted fields, by name
local function one(rel)
  return quire.record.read(check.corpus() .. "/source/_posts/" .. rel)
end
local rec = one("金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md")
rec:clean()
check.eq(rec.origin, "政事儿")
check.eq(rec.editor, "李思阳")
rec = one("金融/新浪财经/新浪财经－国內/0！.md")
rec:clean()
check.eq(rec.editor, "梁斌", "staff code after the name")
check.eq(rec.origin, "健康广东")
rec = one("金融/新浪财经/新浪财经－国內/1000万购房补贴抢人，然后呢？.md")
rec:clean()
check.eq(rec.origin, "光明日报")
check.eq(rec.byline, "吴亚琦")
check.eq(rec.original_title, "1000万购房补贴“抢人”，然后呢？")
rec = one("编程/Dockone/周报/Dockerfile 文件全面详解.md")
rec:clean()
check.eq(rec.origin_url, "https://zhuanlan.zhihu.com/p/387855002")
rec = one("新媒体/36kr/资讯/谷歌低调了 5 年的 Fuchsia OS，终于有望面世了.md")
rec:clean()
check.eq(rec.origin, "微信公众号“CSDN”(ID:CSDNnews)", "values matched through full-width folding come back folded")

-- the generic extractor alone (--profile none) on Sina and Zhihu
local gone = {"海量资讯、精准解读，尽在新浪财经APP", "责任编辑", "查看知乎原文", "查看知乎讨论",
              "中科院长春应化所在读", "看懂中国之美"}
local n = 0
for r in quire.open(check.corpus(), {where = function(x) return x.source == "新浪财经" or x.source == "知乎" end}) do
  n = n + 1
  local blocks, report = quire.clean(r, {profile = "none"})
  check.eq(report.profile, nil, "no profile")
  local text = quire.clean.text(blocks)
  for _, s in ipairs(gone) do check.ok(not text:find(s, 1, true), r.path .. ": --profile none left " .. s) end
  check.ok(#text > 200, r.path .. ": --profile none kept the article")
  if r.source == "新浪财经" then check.ok(report.meta.editor ~= nil, r.path .. ": generic editor") end
end
check.eq(n, 33, "Sina and Zhihu posts")

check.done()
