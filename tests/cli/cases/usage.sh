# Help, version and usage errors (exit 2).
run -E --help
run -E run --help
run -E scripts --help
run -E eject --help
run -E run
run -E frobnicate
run -E --frobnicate
run -E eject
# library versions differ between machines: only quire's own line is kept
run -E --version | grep -v -e '^Lua ' -e '^LPeg ' -e '^lua-cjson ' -e '^libxml2 ' -e '^libyaml ' -e '^utf8proc '
run -E --lua-dir
