/*
 * Line editing for the REPL over libedit's native interface (histedit.h),
 * which lets Tab completion replace exactly the word the completer chose
 * (the readline emulation splits words by a fixed character set, which
 * cannot tell `rec:ti` from a path inside a string).
 */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

struct repl {
    EditLine *el;
    History *hist;
    char *history_path;
    const char *prompt;
    repl_completer complete;
    void *ctx;
    char *old_locale;
    int wake[2];  /* self-pipe: the SIGINT handler writes, read_char polls */
    char *line;  /* the last line read, without its newline */
    size_t line_cap;
};

static volatile sig_atomic_t got_sigint;
static int wake_fd = -1;  /* the reading editor's self-pipe; a handler has no other way in */

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
    if (wake_fd >= 0) {
        int saved = errno;
        ssize_t ignored = write(wake_fd, "", 1);
        (void)ignored;
        errno = saved;
    }
}

/* libedit's character reader, replaced: its own retries a read(2) that a
 * signal interrupted, so Ctrl-C would wait for the next key. This one
 * polls the terminal and the self-pipe and gives up (-1) on Ctrl-C.
 * Decodes the locale's multibyte characters. */
static int read_char(EditLine *el, wchar_t *wc)
{
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    int fd = fileno(stdin);
    mbstate_t st;
    memset(&st, 0, sizeof st);
    char first = 0;
    int have = 0;
    for (;;) {
        if (got_sigint)
            return -1;
        struct pollfd fds[2] = {{fd, POLLIN, 0}, {r ? r->wake[0] : -1, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (fds[1].revents & POLLIN) {
            got_sigint = 1;
            return -1;
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        char c;
        ssize_t k = read(fd, &c, 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return (int)k;
        if (!have++)
            first = c;
        size_t m = mbrtowc(wc, &c, 1, &st);
        if (m == (size_t)-2)
            continue;  /* more bytes of this character to come */
        if (m == (size_t)-1)
            *wc = (wchar_t)(unsigned char)first;  /* not valid in the locale: the byte */
        return 1;
    }
}

void repl_matches_add(struct repl_matches *m, const char *s, size_t len)
{
    if (m->failed)
        return;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        char **items = realloc(m->items, cap * sizeof *items);
        if (items == NULL) {
            m->failed = 1;
            return;
        }
        m->items = items;
        m->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        m->failed = 1;
        return;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    m->items[m->n++] = copy;
}

static void matches_free(struct repl_matches *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->items[i]);
    free(m->items);
}

/* Terminal columns of UTF-8 text S: wide (2) from U+1100 up to U+FFFF and
 * for the CJK planes, as the REPL's Lua fallback counts. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        unsigned cp = extra == 0 ? c : c & (0x3F >> extra);
        p++;
        for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++)
            cp = cp << 6 | (*p++ & 0x3F);
        w += (cp >= 0x1100 && cp <= 0xFFFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ? 2 : 1;
    }
    return w;
}

/* Code points in the first LEN bytes of S (el_deletestr counts characters). */
static int char_count(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Prints the candidates in columns below the line being edited. */
static void list_matches(EditLine *el, const struct repl_matches *m)
{
    int cols = 80;
    if (el_get(el, EL_GETTC, "co", &cols, NULL) != 0 || cols <= 0)
        cols = 80;
    size_t widest = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t w = text_width(m->items[i]);
        if (w > widest)
            widest = w;
    }
    size_t per_row = (size_t)cols / (widest + 2);
    if (per_row == 0)
        per_row = 1;
    size_t rows = (m->n + per_row - 1) / per_row;
    fputc('\n', stdout);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < per_row; c++) {
            size_t i = c * rows + r;  /* down the columns, as ls does */
            if (i >= m->n)
                break;
            fputs(m->items[i], stdout);
            if ((c + 1) * rows + r < m->n)
                for (size_t pad = text_width(m->items[i]); pad < widest + 2; pad++)
                    fputc(' ', stdout);
        }
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* Tab: asks the completer, then inserts the candidates' longest common
 * prefix; when that adds nothing, lists the candidates. */
static unsigned char complete_key(EditLine *el, int ch)
{
    (void)ch;
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    if (r == NULL || r->complete == NULL)
        return CC_ERROR;
    const LineInfo *li = el_line(el);
    size_t len = (size_t)(li->cursor - li->buffer);
    char *line = malloc(len + 1);
    if (line == NULL)
        return CC_ERROR;
    memcpy(line, li->buffer, len);
    line[len] = '\0';
    struct repl_matches m = {0};
    r->complete(r->ctx, line, len, &m);
    unsigned char result = CC_REFRESH_BEEP;
    if (!m.failed && m.n > 0 && m.start <= len) {
        size_t common = strlen(m.items[0]);
        for (size_t i = 1; i < m.n; i++) {
            size_t k = 0;
            while (k < common && m.items[i][k] == m.items[0][k])
                k++;
            common = k;
        }
        while (common > 0 && ((unsigned char)m.items[0][common] & 0xC0) == 0x80)
            common--;  /* never insert half a character */
        size_t word = len - m.start;
        if (common > word || (common == word && m.n == 1 &&
                              memcmp(m.items[0], line + m.start, word) != 0)) {
            char saved = m.items[0][common];
            m.items[0][common] = '\0';
            el_deletestr(el, char_count(line + m.start, word));
            el_insertstr(el, m.items[0]);
            m.items[0][common] = saved;
            result = CC_REFRESH;
        } else if (m.n > 1) {
            list_matches(el, &m);
            result = CC_REDISPLAY;
        }
    }
    matches_free(&m);
    free(line);
    return result;
}

static char *prompt_of(EditLine *el)
{
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return (char *)(r && r->prompt ? r->prompt : "");
}

struct repl *repl_open(const char *prog, const char *history_path, int history_size)
{
    struct repl *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->wake[0] = r->wake[1] = -1;
    if (pipe(r->wake) != 0) {
        free(r);
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(r->wake[i], F_SETFL, fcntl(r->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(r->wake[i], F_SETFD, FD_CLOEXEC);
    }
    /* libedit reads multibyte input only in a UTF-8 locale */
    const char *old = setlocale(LC_CTYPE, NULL);
    r->old_locale = old ? strdup(old) : NULL;
    const char *now = setlocale(LC_CTYPE, "");
    if (now == NULL || strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    if (history_path != NULL && (r->history_path = strdup(history_path)) == NULL)
        goto fail;
    r->hist = history_init();
    if (r->hist == NULL)
        goto fail;
    HistEvent ev;
    history(r->hist, &ev, H_SETSIZE, history_size > 0 ? history_size : 1000);
    history(r->hist, &ev, H_SETUNIQUE, 1);
    if (r->history_path != NULL)
        history(r->hist, &ev, H_LOAD, r->history_path);  /* a missing file is an empty history */
    r->el = el_init(prog, stdin, stdout, stderr);
    if (r->el == NULL)
        goto fail;
    el_set(r->el, EL_CLIENTDATA, r);
    el_set(r->el, EL_GETCFN, read_char);
    el_set(r->el, EL_EDITOR, "emacs");
    el_set(r->el, EL_HIST, history, r->hist);
    el_set(r->el, EL_PROMPT, prompt_of);
    el_set(r->el, EL_ADDFN, "quire-complete", "complete a name or path", complete_key);
    el_set(r->el, EL_BIND, "^I", "quire-complete", NULL);
    el_source(r->el, NULL);  /* the user's ~/.editrc */
    return r;
fail:
    repl_close(r);
    return NULL;
}

void repl_set_completer(struct repl *r, repl_completer fn, void *ctx)
{
    r->complete = fn;
    r->ctx = ctx;
}

const char *repl_read(struct repl *r, const char *prompt, enum repl_status *status)
{
    /* Ctrl-C: the handler wakes read_char, which ends el_gets */
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    char drain[16];
    while (read(r->wake[0], drain, sizeof drain) > 0)
        ;  /* a Ctrl-C from before this read is not for it */
    got_sigint = 0;
    wake_fd = r->wake[1];
    r->prompt = prompt;
    el_resize(r->el);
    /* libedit prints the prompt before it turns the terminal raw, so keys
     * typed as soon as the prompt shows would meet the cooked terminal
     * (where Ctrl-D is not a key); turn it raw first */
    el_set(r->el, EL_PREP_TERM, 1);
    int count = 0;
    const char *line = el_gets(r->el, &count);
    int err = errno;
    sigaction(SIGINT, &old, NULL);
    wake_fd = -1;
    if (got_sigint || (line == NULL && count < 0 && err == EINTR)) {
        fputs("\n", stdout);
        fflush(stdout);
        *status = REPL_INTERRUPTED;
        return NULL;
    }
    if (line == NULL || count <= 0) {
        *status = count < 0 ? REPL_ERROR : REPL_EOF;
        return NULL;
    }
    /* el_gets keeps the newline; the copy is ours until the next call */
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len + 1 > r->line_cap) {
        char *grown = realloc(r->line, len + 1);
        if (grown == NULL) {
            *status = REPL_ERROR;
            return NULL;
        }
        r->line = grown;
        r->line_cap = len + 1;
    }
    memcpy(r->line, line, len);
    r->line[len] = '\0';
    *status = REPL_LINE;
    return r->line;
}

int repl_add(struct repl *r, const char *line)
{
    HistEvent ev;
    if (line[0] == '\0')
        return 0;
    history(r->hist, &ev, H_ENTER, line);
    if (r->history_path == NULL)
        return 0;
    return history(r->hist, &ev, H_SAVE, r->history_path) < 0 ? -1 : 0;
}

void repl_close(struct repl *r)
{
    if (r == NULL)
        return;
    if (r->el != NULL)
        el_end(r->el);
    if (r->hist != NULL)
        history_end(r->hist);
    if (r->old_locale != NULL) {
        setlocale(LC_CTYPE, r->old_locale);
        free(r->old_locale);
    }
    for (int i = 0; i < 2; i++)
        if (r->wake[i] >= 0)
            close(r->wake[i]);
    free(r->history_path);
    free(r->line);
    free(r);
}
