/*
 * The C modules preloaded into every Lua state: the bundled Lua files
 * require them by these names. One binding file (src/lua_<mod>.c) each.
 * X-macro: QUIRE_MODULE(lua name, luaopen function).
 */
QUIRE_MODULE("lpeg", luaopen_lpeg)
QUIRE_MODULE("cjson", luaopen_cjson)
QUIRE_MODULE("quire.c.bundle", luaopen_quire_bundle)
QUIRE_MODULE("quire.c.sys", luaopen_quire_sys)
QUIRE_MODULE("quire.c.yaml", luaopen_quire_yaml)
QUIRE_MODULE("quire.c.date", luaopen_quire_date)
QUIRE_MODULE("quire.c.record", luaopen_quire_record)
QUIRE_MODULE("quire.c.archive", luaopen_quire_archive)
QUIRE_MODULE("quire.c.worker", luaopen_quire_worker)
QUIRE_MODULE("quire.c.ustr", luaopen_quire_ustr)
QUIRE_MODULE("quire.c.dom", luaopen_quire_dom)
QUIRE_MODULE("quire.c.sqlite", luaopen_quire_sqlite)
QUIRE_MODULE("quire.c.repl", luaopen_quire_repl)
QUIRE_MODULE("quire.c.limits", luaopen_quire_limits)
QUIRE_MODULE("quire.c.segment", luaopen_quire_segment)
QUIRE_MODULE("quire.c.minhash", luaopen_quire_minhash)
QUIRE_MODULE("quire.c.rank", luaopen_quire_rank)
