--- 掘金 (juejin.cn): code blocks carry "复制代码" buttons, posts end with
-- links to the series' earlier parts (往期传送门, 上一篇传送门).
return {
  sources = {"掘金"},
  detect = {"span.copy-code-btn"},
  drop = {
    {name = "copy-button", select = "span.copy-code-btn"},
  },
  lines = {
    {name = "copy-button", strip = "%s*复制代码%s*$"},
    {name = "copy-button", drop = "^复制代码$"},
    {name = "series-links", cut = "^往期传送门$"},
    {name = "series-links", drop = "^上一篇传送门$"},
  },
}
