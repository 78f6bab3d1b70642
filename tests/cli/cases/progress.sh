# The progress line: drawn on stderr when it is a terminal (here a pty from
# script(1)), never with --quiet, never when stderr is a pipe or file.
# QUIRE_PROGRESS_AFTER=0 draws it at once instead of after a second.
loop='for r in quire.open() do end'
on_tty() {
  QUIRE_PROGRESS_AFTER=0 script -qec "$1" /dev/null </dev/null | tr '\r' '\n' |
    sed -e 's/\x1b\[K//' -e 's#[0-9]*/s#N/s#' | grep -v '^$'
}
echo "terminal:"
on_tty "'$QUIRE_BIN' -E -e '$loop' ../examples/archive"
echo "terminal, --quiet:"
on_tty "'$QUIRE_BIN' -E -q -e '$loop' ../examples/archive"
echo "not a terminal:"
QUIRE_PROGRESS_AFTER=0 "$QUIRE_BIN" -E -e "$loop" ../examples/archive 2>&1
echo "[exit $?]"
