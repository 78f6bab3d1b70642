/*
 * quire.c.worker: worker processes for -j N. A worker is a fork of the
 * main process, so it starts with the same Lua state (the user's script
 * already loaded) and needs no serialisation of code; results come back as
 * lines on a pipe, read through ordinary Lua file handles.
 */
#define _GNU_SOURCE /* F_SETPIPE_SZ, SCHED_BATCH */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

/* Closes a pipe end wrapped as a Lua file. */
static int close_pipe(lua_State *L)
{
    luaL_Stream *p = luaL_checkudata(L, 1, LUA_FILEHANDLE);
    int ok = fclose(p->f) == 0;
    p->closef = NULL;
    return luaL_fileresult(L, ok, NULL);
}

/* Pushes FD as a Lua file opened with MODE. [-0, +1, m] */
static void push_file(lua_State *L, int fd, const char *mode)
{
    luaL_Stream *p = lua_newuserdatauv(L, sizeof *p, 0);
    p->closef = NULL;
    luaL_setmetatable(L, LUA_FILEHANDLE);
    p->f = fdopen(fd, mode);
    if (p->f == NULL) {
        close(fd);
        luaL_error(L, "cannot open pipe: %s", strerror(errno));
    }
    p->closef = close_pipe;
}

/* spawn() -> pid, file (in the parent: read end) | nil, file (in the worker:
 * write end) | raises when fork or pipe fails. Flushes stdio first so no
 * buffered output is written twice. */
static int worker_spawn(lua_State *L)
{
    int fds[2];
    fflush(NULL);
    if (pipe(fds) != 0)
        return luaL_error(L, "cannot create a pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        return luaL_error(L, "cannot start a worker: %s", strerror(err));
    }
    /* Results are merged in input order, so a worker that is ahead waits
     * once its pipe is full: a 1 MB pipe (Linux's default limit for
     * unprivileged processes) lets it run some hundred records ahead
     * instead of a few when records are long. Best effort. */
    (void)fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
    if (pid == 0) {
        close(fds[0]);
        lua_pushnil(L);
        push_file(L, fds[1], "w");
        return 2;
    }
    close(fds[1]);
    lua_pushinteger(L, pid);
    push_file(L, fds[0], "r");
    return 2;
}

/* wait(pid) -> "exit", code | "signal", number: reaps a worker. */
static int worker_wait(lua_State *L)
{
    pid_t pid = (pid_t)luaL_checkinteger(L, 1);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return luaL_error(L, "cannot wait for worker %d: %s", (int)pid, strerror(errno));
    }
    if (WIFSIGNALED(status)) {
        lua_pushliteral(L, "signal");
        lua_pushinteger(L, WTERMSIG(status));
    } else {
        lua_pushliteral(L, "exit");
        lua_pushinteger(L, WEXITSTATUS(status));
    }
    return 2;
}

/* kill(pid): stops a worker whose results are no longer wanted. */
static int worker_kill(lua_State *L)
{
    kill((pid_t)luaL_checkinteger(L, 1), SIGTERM);
    return 0;
}

/* exit(code): ends a worker at once, flushing stdio but running no Lua
 * finalisers (they belong to the parent's resources). */
static int worker_exit(lua_State *L)
{
    int code = (int)luaL_optinteger(L, 1, 0);
    fflush(NULL);
    _exit(code);
    return 0;
}

/* cores() -> the number of online processors. */
static int worker_cores(lua_State *L)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    lua_pushinteger(L, n > 0 ? n : 1);
    return 1;
}

/*
 * A ticket counter shared by the main process and its workers: each worker
 * takes the next file number when it is free, so a worker that meets slow
 * records takes fewer of them and none waits for the other (a fixed split,
 * every N-th file, left one core idle for a third of a run on the bench).
 * The counter lives in a shared anonymous mapping made before the fork.
 */
#define TICKETS "quire.worker.tickets"

typedef struct {
    long *next;
} Tickets;

/* tickets() -> a counter whose take() returns 1, 2, 3, ... across processes. */
static int worker_tickets(lua_State *L)
{
    Tickets *t = lua_newuserdatauv(L, sizeof *t, 0);
    t->next = NULL;
    luaL_setmetatable(L, TICKETS);
    void *shared = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return luaL_error(L, "cannot share a counter with the workers: %s", strerror(errno));
    t->next = shared;
    *t->next = 0;
    return 1;
}

static int tickets_take(lua_State *L)
{
    Tickets *t = luaL_checkudata(L, 1, TICKETS);
    luaL_argcheck(L, t->next != NULL, 1, "counter is closed");
    lua_pushinteger(L, (lua_Integer)__atomic_add_fetch(t->next, 1, __ATOMIC_RELAXED));
    return 1;
}

static int tickets_gc(lua_State *L)
{
    Tickets *t = luaL_checkudata(L, 1, TICKETS);
    if (t->next != NULL)
        munmap(t->next, sizeof(long));
    t->next = NULL;
    return 0;
}

/* copy(from, to, n) -> bytes copied | nil, message: moves N bytes from
 * file FROM (a worker's pipe) to file TO through a fixed buffer, so a
 * worker's output reaches the command's output without becoming a Lua
 * string in the main process. Fewer than N: FROM ended first. */
static int worker_copy(lua_State *L)
{
    luaL_Stream *from = luaL_checkudata(L, 1, LUA_FILEHANDLE);
    luaL_Stream *to = luaL_checkudata(L, 2, LUA_FILEHANDLE);
    lua_Integer n = luaL_checkinteger(L, 3);
    luaL_argcheck(L, from->closef != NULL && to->closef != NULL, 1, "closed file");
    char buf[1 << 16];
    lua_Integer done = 0;
    while (done < n) {
        size_t want = (size_t)(n - done) < sizeof buf ? (size_t)(n - done) : sizeof buf;
        size_t got = fread(buf, 1, want, from->f);
        if (got > 0 && fwrite(buf, 1, got, to->f) != got)
            return luaL_fileresult(L, 0, NULL);
        done += (lua_Integer)got;
        if (got < want)
            break;
    }
    lua_pushinteger(L, done);
    return 1;
}

/* batch(on) -> whether the policy changed: with ON, moves this process
 * from the normal scheduling policy to SCHED_BATCH (workers forked later
 * inherit it); without, back to normal. A batch process does not take a
 * core from a running one when it wakes: the main process, woken by
 * every result a worker writes, then merges results in bunches instead
 * of one context switch each (with 20,000 records and the workers'
 * larger writes: 19,000 to 20,000 switches became 3,000 to 4,000, and
 * -j 2 used 2% less CPU). A process under another policy (chrt) keeps
 * it. */
static int worker_batch(lua_State *L)
{
    int on = lua_toboolean(L, 1);
    int from = on ? SCHED_OTHER : SCHED_BATCH;
    struct sched_param param = {0};
    int changed = sched_getscheduler(0) == from &&
                  sched_setscheduler(0, on ? SCHED_BATCH : SCHED_OTHER, &param) == 0;
    lua_pushboolean(L, changed);
    return 1;
}

static const luaL_Reg worker_funcs[] = {
    {"tickets", worker_tickets},
    {"spawn", worker_spawn},
    {"wait", worker_wait},
    {"kill", worker_kill},
    {"exit", worker_exit},
    {"cores", worker_cores},
    {"copy", worker_copy},
    {"batch", worker_batch},
    {NULL, NULL}};

int luaopen_quire_worker(lua_State *L)
{
    static const luaL_Reg tickets_meta[] = {{"take", tickets_take}, {"__gc", tickets_gc}, {NULL, NULL}};
    luaL_newmetatable(L, TICKETS);
    luaL_setfuncs(L, tickets_meta, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");  /* counter:take() */
    lua_pop(L, 1);
    luaL_newlib(L, worker_funcs);
    return 1;
}
