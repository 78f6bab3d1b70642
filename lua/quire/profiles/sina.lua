--- Sina (新浪财经 and the other Sina feeds). Posts end with a QR-code
-- block advertising the app, a <style> for it inside comment scaffolding
-- (<!-- 文末二维码 -->, <!-- 总声明 -->) and the editor's line; the origin
-- (来源：...) and original title lines are lifted by the generic rules.
return {
  sources = {"新浪财经", "新浪新闻", "新浪科技", "新浪体育", "新浪娱乐", "新浪"},
  detect = {"div.appendQr_wrap", "p.article-editor"},
  drop = {
    {name = "qr-footer", select = "div.appendQr_wrap"},
    {name = "editor", select = "p.article-editor", lift = "editor",
     match = "责任编辑%s*:%s*(.-)%s*[A-Z]*%d*%s*$"},
  },
  lines = {
    {name = "app-promo", drop = "^海量资讯、精准解读，尽在新浪财经APP$"},
    {name = "app-promo", drop = "^新浪财经APP", max = 30},
    {name = "byline", lift = "byline", match = "^►%s*文%s+(.-)%s*$", max = 40},
  },
}
