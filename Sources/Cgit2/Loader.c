/* libgit2, loaded when Concord first calls it rather than when Concord starts.

   Linked the usual way, libgit2 brings 16 more shared libraries (Kerberos, OpenSSL,
   mbed TLS, libssh2, PCRE, zlib, ...) that the dynamic loader maps and relocates before
   `main`: 3.7 ms of every start, measured on a C program that only links libgit2, where
   `concord redline` of two 1 MB drafts takes about 25 ms in all and touches no repository.
   So the executable does not link libgit2; this file defines each function Concord calls
   (`Functions.def`) as a forwarder that loads libgit2 once, with `dlopen`, and calls the
   real function through a pointer. Commands that open a repository pay the same as before;
   the forwarding is one predictable branch per call. */

#define _GNU_SOURCE /* syncfs */
#include "Cgit2.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__APPLE__)
#define CONCORD_GIT2_LIBRARY "libgit2." LIBGIT2_SOVERSION ".dylib"
#else
#define CONCORD_GIT2_LIBRARY "libgit2.so." LIBGIT2_SOVERSION
#endif

/* The real functions, found when libgit2 is loaded. */
#define CONCORD_GIT2_FUNCTION(result, name, parameters, arguments) static result (*real_##name) parameters;
#define CONCORD_GIT2_PROCEDURE(name, parameters, arguments) static void (*real_##name) parameters;
#include "Functions.def"
#undef CONCORD_GIT2_FUNCTION
#undef CONCORD_GIT2_PROCEDURE
static int (*real_git_libgit2_opts)(int option, ...);

static void fail(const char *what) {
    fprintf(stderr, "concord: cannot load libgit2 (%s): %s\n", CONCORD_GIT2_LIBRARY, what ? what : "unknown error");
    exit(1);
}

static void *resolve(void *library, const char *name) {
    void *function = dlsym(library, name);
    if (!function) fail(dlerror());
    return function;
}

static void load(void) {
    void *library = dlopen(CONCORD_GIT2_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) fail(dlerror());
    /* Through `void **`: ISO C has no cast from an object pointer to a function pointer,
       and POSIX guarantees the representations agree. */
#define CONCORD_GIT2_FUNCTION(result, name, parameters, arguments) *(void **)&real_##name = resolve(library, #name);
#define CONCORD_GIT2_PROCEDURE(name, parameters, arguments) *(void **)&real_##name = resolve(library, #name);
#include "Functions.def"
#undef CONCORD_GIT2_FUNCTION
#undef CONCORD_GIT2_PROCEDURE
    *(void **)&real_git_libgit2_opts = resolve(library, "git_libgit2_opts");
}

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void concord_git2_load(void) { pthread_once(&loaded, load); }

/* The forwarders, with the names and prototypes of git2.h. */
#define CONCORD_GIT2_FUNCTION(result, name, parameters, arguments) \
    result name parameters { concord_git2_load(); return real_##name arguments; }
#define CONCORD_GIT2_PROCEDURE(name, parameters, arguments) \
    void name parameters { concord_git2_load(); real_##name arguments; }
#include "Functions.def"
#undef CONCORD_GIT2_FUNCTION
#undef CONCORD_GIT2_PROCEDURE

int concord_git_enable_strict_object_creation(void) {
    concord_git2_load();
    return real_git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
}

int concord_git_disable_hash_verification_on_read(void) {
    concord_git2_load();
    return real_git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

int concord_git_set_fsync_gitdir(int enabled) {
    concord_git2_load();
    return real_git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

int concord_sync_file_system(const char *path) {
    int folder = open(path, O_RDONLY);
    if (folder < 0) return -1;
#if defined(__linux__)
    int status = syncfs(folder);
#else
    int status = fsync(folder);
    sync();
#endif
    close(folder);
    return status;
}
