#ifndef CONCORD_CGIT2_H
#define CONCORD_CGIT2_H

/* libgit2 as Swift sees it: git2.h's types and declarations, with its functions defined in
   `Loader.c`, which loads libgit2 the first time one of them is called (see there why).
   Where libgit2 cannot be loaded (a broken installation), that first call prints one line
   naming the library and exits with status 1, as the dynamic loader did for a missing
   library when libgit2 was linked at start. */

#include <git2.h>
/* The object database's backend structures: `PackIndexing` adds one that hands fetched packs to git. */
#include <git2/sys/odb_backend.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option Concord sets. */

/* Have libgit2 validate every object it creates (trees with sorted, legal entries; commits
   pointing at existing trees), so what Concord writes passes `git fsck --strict`. */
int concord_git_enable_strict_object_creation(void);

/* Do not re-hash every object read: git itself trusts its object store on reads and checks
   it in fsck. Reading 193 members' texts of a large draft would otherwise spend a third of
   its time in SHA-1. */
int concord_git_disable_hash_verification_on_read(void);

/* Sync every object, reference and their directories to disk before a write is reported
   done: a command that says "recorded" must not lose it to a power cut or a killed VM. */
int concord_git_set_fsync_gitdir(int enabled);
/* Flushes the file system that holds `path` to disk (syncfs on Linux). */
int concord_sync_file_system(const char *path);

#endif
