# The REPL on a terminal (a pty driven by expect): completion, multi-line
# input, errors and recovery, Ctrl-C in a loop and at the prompt, Ctrl-D,
# history kept across runs in $QUIRE_HISTORY. Bounded by timeouts.
timeout 120 expect -f tools/repl_pty.exp "$QUIRE_BIN" ../examples/archive "$WORK/state/history"
echo "[exit $?]"
echo "history file: $(test -s "$WORK/state/history" && echo written)"
