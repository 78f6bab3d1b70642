--- IT之家: a thank-you line for the reader who sent the tip, embedded
-- video players, and shopping posts ending in an advertising notice.
return {
  sources = {"IT 之家", "IT之家"},
  detect = {"a.s_tag[href^=\"https://www.ithome.com\"]", "div.tougao-user"},
  drop = {
    {name = "tipster", select = "div.tougao-user", lift = "tipster",
     match = "^感谢IT之家网友%s*(.-)%s*的线索投递"},
    {name = "video-player", select = "a.ithome_super_player"},
  },
  lines = {
    {name = "ad-notice", drop = "^本文用于传递优惠信息，节省甄选时间，结果仅供参考。?$"},
    {name = "ad-notice", drop = "^【广告】$"},
  },
}
