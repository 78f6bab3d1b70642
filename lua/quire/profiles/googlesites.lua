--- Google Sites pages (the Outliers blog in the corpus): a closing line
-- asking readers to mail corrections.
return {
  sources = {"Google Sites"},
  detect = {"table.sites-layout-hbox"},
  lines = {
    {name = "mail-us", drop = "^若有任何錯誤或建議，歡迎電郵至.-反映。?$"},
    {name = "mail-us", drop = "^若有任何错误或建议，欢迎电邮至.-反映。?$"},
  },
}
