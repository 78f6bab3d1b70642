--- Zhihu Daily (知乎日报): each answer starts with the author's avatar,
-- name and bio and a hidden "查看知乎原文" link; each question ends with a
-- "查看知乎讨论" link. The author is kept as rec.answer_author.
return {
  sources = {"知乎", "知乎日报"},
  detect = {"div.answer a.originUrl", "div.view-more a[href*=\"zhihu.com/question\"]"},
  main = "div.content-inner",
  drop = {
    {name = "avatar", select = "img.avatar"},
    {name = "author", select = "div.answer span.author", lift = function(text)
       return {answer_author = (text:gsub("，$", ""):gsub(",$", ""))}
     end},
    {name = "bio", select = "div.answer span.bio"},
    {name = "origin-link", select = "a.originUrl"},
    {name = "discussion-link", select = "div.view-more"},
    {name = "placeholder", select = "div.img-place-holder"},
  },
  lines = {
    {name = "origin-link", drop = "^查看知乎原文$"},
    {name = "discussion-link", drop = "^查看知乎讨论$"},
  },
}
