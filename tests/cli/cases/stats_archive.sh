# quire stats on the sample archive: every --by key, the three formats, -o,
# -j 2 giving the same output as one job, and usage errors. Lengths are of
# the body's whole text (--raw) so these goldens do not move when the
# cleaner's rules change; tests/lua/stats_test.lua checks the cleaned text.
a=../examples/archive
run -E stats "$a" --raw
for by in category author month year weekday hour; do
  run -E stats "$a" --raw --by "$by"
done
run -E stats "$a" --raw --by month --tz UTC
run -E stats "$a" --raw --since 2022-01-01 --by year
run -E stats "$a" --raw --format json
run -E stats "$a" --raw --format csv --by year
run -E stats "$a" --raw --by source -o "$WORK/sources.txt"
cat "$WORK/sources.txt"
ls -a "$WORK" | grep -q "quire-.*tmp" && echo "temporary file left" || echo "no temporary file left"
"$QUIRE_BIN" -E stats "$a" --raw --format json -j 2 >"$WORK/j2.json"
"$QUIRE_BIN" -E stats "$a" --raw --format json -j 1 >"$WORK/j1.json"
cmp "$WORK/j1.json" "$WORK/j2.json" && echo "-j 2 output is the same as -j 1"
run -E stats "$a" --by nope
run -E stats --raw
run -E stats "$a" --format yaml
