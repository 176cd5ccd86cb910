#ifndef CONCORD_CGIT2_SHIM_H
#define CONCORD_CGIT2_SHIM_H

#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option Concord sets. */

/* Have libgit2 validate every object it creates (trees with sorted, legal entries; commits
   pointing at existing trees), so what Concord writes passes `git fsck --strict`. */
static inline int concord_git_enable_strict_object_creation(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
}

/* Do not re-hash every object read: git itself trusts its object store on reads and checks
   it in fsck. Reading 193 members' texts of a large draft would otherwise spend a third of
   its time in SHA-1. */
static inline int concord_git_disable_hash_verification_on_read(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

#endif
