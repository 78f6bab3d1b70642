# quire clean on 24 real posts across sources: the cleaned text (golden)
# and, for a few, the JSON lines with the lifted fields and blocks.
P=$CORPUS/source/_posts
run -E clean -q \
  "$P/金融/新浪财经/新浪财经－国內/0！.md" \
  "$P/金融/新浪财经/新浪财经－国內/0！北京昨日本土无新增.md" \
  "$P/金融/新浪财经/新浪财经－国內/1-4月份全国房地产开发投资下降27%.md" \
  "$P/金融/新浪财经/新浪财经－国內/100吨天然放射性超标矿砂在广州被退运出境.md" \
  "$P/金融/新浪财经/新浪财经－国內/00后也挺拼！近八成毕业生想立即工作.md" \
  "$P/金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md" \
  "$P/社交媒体/知乎/知乎日报/1 克精面粉所有粉尘颗粒的表面积之和与地球的表面积哪个大？.md" \
  "$P/社交媒体/知乎/知乎日报/CPU 的指令集存放在什么地方？.md" \
  "$P/社交媒体/知乎/知乎日报/如何评价苹果新发布的 M1 Max 芯片？.md" \
  "$P/新媒体/IT 之家/分类资讯/(更新) Twitter 在全球遭遇宕机.md" \
  "$P/新媒体/IT 之家/分类资讯/1 月份日本市场 CPU 份额统计：AMD 下滑至 25%，英特尔占比 74%.md" \
  "$P/新媒体/IT 之家/分类资讯/10 点开抢：京东限量补贴开启，维他柠檬茶 098 元 _ 盒.md" \
  "$P/新媒体/cnBeta/最新/RISC-V CPU Idle支持 以及其他涉RISC-V改进被并入Linux 518中.md" \
  "$P/编程/掘金/分类/ Vue实战之从零搭建Vite2+Vue3全家桶（三）.md" \
  "$P/游戏/3DMGame/新闻中心/129寸iPad Pro销售状况火爆：现在下单7月才发货.md" \
  "$P/游戏/3DMGame/新闻中心/13年前 《寂静岭3》在日本发售、登陆了PS2.md" \
  "$P/编程/开源中国/资讯/7-Zip 2201 正式发布.md" \
  "$P/编程/开源中国/资讯/4MLinux 400 稳定版发布.md" \
  "$P/阅读/SoBooks/首页/100天后会死的鳄鱼君.md" \
  "$P/博客/Google Sites/文章更新/Fibonacci Number (費波那契數).md" \
  "$P/编程/ACM/图灵奖获得者/2021.md" \
  "$P/二次元/Bangumi/放送列表/CUE!｜CUE.md" \
  "$P/新媒体/199IT/首页更新/15种最常用的数据分析方法和模型.md" \
  "$P/金融/DT 财经/数据侠专栏/中美体育的差距可能就是一个数字化的NBA.md"
run -E clean -q --format jsonl "$P/金融/新浪财经/新浪财经－国內/0！.md" "$P/新媒体/IT 之家/分类资讯/1 月份日本市场 CPU 份额统计：AMD 下滑至 25%，英特尔占比 74%.md"
run -E clean -q --format markdown "$P/社交媒体/知乎/知乎日报/CPU 的指令集存放在什么地方？.md"
