# quire stats over the real corpus: long and mixed-script group names cut
# to fit 80 columns, posts with errors counted in their group and the total
# (and printed on stderr, exit status 1), CSV quoting, two workers.
run -E -q stats "$CORPUS" --raw
run -E -q stats "$CORPUS" --raw --by category -j 2
run -E -q stats "$CORPUS" --raw --by year --format csv
run -E -q stats "$CORPUS" --raw --by weekday --format json
