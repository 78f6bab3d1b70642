# quire summarize: text and JSONL output, -j gives the same, option errors.
sina="$CORPUS/source/_posts/金融/新浪财经/新浪财经－国內"
run -E summarize "$sina/江苏省长，凌晨开会.md" "$sina/0！.md" --sentences 2 --keywords 5
run -E summarize "$sina/江苏省长，凌晨开会.md" --sentences 1 --keywords 3 --method textrank --format jsonl
run -E summarize "$sina" -q --keywords 3 --sentences 1 --format jsonl -o "$WORK/one.jsonl"
run -E summarize "$sina" -q -j 2 --keywords 3 --sentences 1 --format jsonl -o "$WORK/two.jsonl"
cmp "$WORK/one.jsonl" "$WORK/two.jsonl" && echo "-j 2 gives the same output"
wc -l < "$WORK/one.jsonl"
# an IDF table saved from the folder, then used for one post
run -E summarize "$sina" -q --keywords 3 --sentences 0 --save-idf "$WORK/idf.tsv" -o /dev/null
head -1 "$WORK/idf.tsv"
run -E summarize "$sina/江苏省长，凌晨开会.md" --idf "$WORK/idf.tsv" --keywords 3 --sentences 0
run -E summarize
run -E summarize "$sina" --format xml
run -E summarize "$sina" --sentences many
run -E summarize "$sina" --idf "$WORK/missing.tsv"
