# quire extract over real Sina posts: kinds, formats, -j, bad options.
sina="$CORPUS/source/_posts/金融/新浪财经/新浪财经－国內"
run -E extract "$sina/江苏省长，凌晨开会.md" --only counts,facts
run -E extract "$sina/1-4月份全国房地产开发投资下降27%.md" --only money,percent,fact --format csv
run -E extract "$sina/江苏省长，凌晨开会.md" --only dates,attribution --format table
# attributions with a date as JSON: the date is an ISO string (the match
# table once leaked out as "when":"table: 0x...")
run -E extract "$sina/江苏省长，凌晨开会.md" --only attribution
# the same facts with one worker and with two, in input order
run -E extract "$sina" --only fact --format csv -j 1
run -E extract "$sina" --only fact --format csv -j 2
run -E extract "$sina/江苏省长，凌晨开会.md" --only moneys
run -E extract "$sina/江苏省长，凌晨开会.md" --format xml
run -E extract
