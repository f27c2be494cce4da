/* powercut_vfs.h — a simulated power cut, on top of the fault VFS
 * (fault_vfs.h), in the manner of SQLite's own crash tests (test6.c).
 *
 * While recording, every write and truncate SQLite makes to a named file is
 * kept with what it replaced; a sync of a file makes what was written to it
 * durable. At a chosen point (right after the nth sync, or at the nth write)
 * the power goes off: from then on nothing reaches the disk. Once every
 * connection is closed, powercut_reboot() puts the files back as the disk
 * would hold them after the cut: everything synced stays; of what was not,
 * nothing stays, or (chaos) any subset of the writes in any order, the last
 * of them possibly torn at a sector boundary. Then the test reopens the
 * database and checks what it finds.
 *
 * Real flushes are skipped while recording (the simulation keeps its own
 * account of what was synced), which makes a run of thousands of cuts take
 * seconds. One process-wide state; meant for test programs. */
#ifndef LANYARD_POWERCUT_VFS_H
#define LANYARD_POWERCUT_VFS_H

#include <stdbool.h>

/* Installs the fault VFS and starts recording (forgetting what was recorded
 * before, power on). 0, or -1 when the VFS cannot be installed. */
int powercut_start(void);
/* The power goes off right after the nth sync from now (1 is the next one)
 * has reached the disk, or at the nth write (which is issued, not synced). 0
 * disarms. */
void powercut_after_sync(unsigned long nth);
void powercut_at_write(unsigned long nth);
/* Whether the power went off. */
bool powercut_happened(void);
/* Syncs and writes seen since powercut_start. */
unsigned long powercut_syncs(void);
unsigned long powercut_writes(void);
/* With every connection closed: the files as the disk holds them after the
 * cut (see above; seed drives chaos's choices), power back on, recording
 * afresh. 0, or -1 (errno) when a file could not be put back. */
int powercut_reboot(bool chaos, unsigned seed);
/* Stops recording and uninstalls the fault VFS. */
void powercut_stop(void);

#endif
