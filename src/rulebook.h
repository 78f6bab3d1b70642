/* Which of the cleaner's line rules could match a block's text: a quick
 * test in C that spares the Lua rule loop (lua/quire/clean.lua,
 * apply_lines and any_match) the blocks no rule can match, which are
 * nearly all of them. The test only ever says "no" when the Lua loop would
 * find no match, so the cleaner's output does not change. Plain C, no Lua. */
#ifndef QUIRE_RULEBOOK_H
#define QUIRE_RULEBOOK_H

#include <stddef.h>

/* What a rule needs of a text before its pattern is worth trying. */
struct rule_hint {
    const char **firsts; /* first characters the text must start with, */
    size_t *first_lens;  /* after ASCII white space; NULL: any */
    size_t nfirsts;
    const char *lead;    /* plain text every match holds; NULL: none */
    size_t lead_len;
    const char *tail;    /* plain text every match ends the text with; NULL: none */
    size_t tail_len;
    long max;            /* most characters the text may have; -1: any */
    long digits;         /* ASCII digits the text (after white space) starts with; 0: none */
};

/* A first character and a rule that allows it (the book's index). */
struct rule_first {
    const char *c;
    size_t len;
    size_t rule;
};

struct rulebook {
    struct rule_hint *rules;
    size_t n;
    int folded; /* the rules also see the text folded (dom_text_fold) */
    /* made by rulebook_index: */
    struct rule_first *by_first; /* every rule's first characters, sorted */
    size_t nby_first;
    size_t *any; /* the rules that allow any first character */
    size_t nany;
};

/* Fills BOOK's index into BY_FIRST and ANY (room as rulebook_index_size
 * says) from its rules. */
void rulebook_index(struct rulebook *book, struct rule_first *by_first, size_t *any);

/* Whether some rule of BOOK may match the LEN bytes at TEXT: its first
 * character is one the rule allows (in the text or, with BOOK->folded,
 * in the folded text), its lead is in the text (or the folded text), the
 * text (or the folded text) ends with its tail, and the text has at most
 * max characters (counting the bytes that start
 * one, never more than Lua's utf8.len counts). WIDE: whether the text
 * has characters folding changes (dom_text_stats's wide); -1 when not
 * known, and the text is measured. */
int rulebook_may_match(const struct rulebook *book, const char *text, size_t len, int wide);

/* The rules of BOOK that may match the LEN bytes at TEXT (as
 * rulebook_may_match asks of each), by index in increasing order: at
 * most CAP into OUT; returns how many. No rule left out can match. */
size_t rulebook_may_rules(const struct rulebook *book, const char *text, size_t len, int wide,
                          size_t *out, size_t cap);

/* The first character of the LEN bytes at S after ASCII white space, as
 * the Lua pattern ^[%s]*([\1-\127\194-\244][\128-\191]*) captures it:
 * its length, with *AT its offset; 0 when there is none. */
size_t rulebook_first_char(const char *s, size_t len, size_t *at);

#endif
