--- 东方我乐多丛志 (touhougarakuta.com): news round-ups end with a call for
-- submissions and a link to the form, then the translator's credit
-- (翻译/..., lifted as rec.translator).
return {
  sources = {"东方我乐多丛志 - 文章", "东方我乐多丛志"},
  detect = {"a[href^=\"https://touhougarakuta.com/news/press\"]"},
  lines = {
    {name = "translator", lift = "translator", match = "^翻译%s*[/:]%s*(.-)%s*$", max = 30},
    {name = "call-for-news", drop = "^东方我乐多丛志正在向大家征集新闻素材"},
    {name = "call-for-news", drop = "^「希望能介绍一下我们的作品！」"},
    {name = "call-for-news", drop = "^请在下述链接的表格内应募"},
    {name = "call-for-news", drop = "^https://touhougarakuta%.com/news/press/?$"},
  },
}
