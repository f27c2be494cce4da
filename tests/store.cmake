# Tests of the event database: opening and refusing files, check-in, import,
# interests, exports, merge of several kiosks, and durability across a kill.
lanyard_test(test_store SOURCES test_store.c DEPS store core_import core_ids)
lanyard_test(test_merge SOURCES test_merge.c merge_testutil.c DEPS store core_export core_csv core_ids)
# A walk-in moved to their registration (Fix my details), then merged with
# an older copy of its kiosk and with another kiosk, in every order.
lanyard_test(test_merge_move SOURCES test_merge_move.c merge_testutil.c DEPS store core_export core_csv core_ids)
lanyard_test(test_durable SOURCES test_durable.c DEPS store core_import core_ids)
# The store under injected disk errors and a full disk, through a test VFS.
lanyard_test(test_store_faults SOURCES test_store_faults.c fault_vfs.c DEPS store core_import core_ids)
# The store's own VFS: a commit's log writes reach the disk as one write before
# its flush, a failed one fails the commit, large transactions go in steps.
lanyard_test(test_store_vfs SOURCES test_store_vfs.c fault_vfs.c DEPS store core_import core_ids)
# The visit layer with no screen: check-in outcomes, walk-ins, badges, staff's
# actions and the event folder's CSVs, over a real store and fake ports.
lanyard_test(test_visit SOURCES test_visit.c DEPS visit store core_pin core_import core_link)
# Staff's Load event from USB in the visit layer, a folder standing in for the stick.
lanyard_test(test_event_load SOURCES test_event_load.c DEPS visit store core_import PkgConfig::SQLITE3)
lanyard_test(test_visit_pin SOURCES test_visit_pin.c DEPS visit store core_pin PkgConfig::SODIUM)
# The files around a database: a -wal or -journal of another database is never
# applied, a crashed kiosk's log is; newer copies, links, dropped tables, a
# full disk and a FIFO get a clear answer.
lanyard_test(test_store_files SOURCES test_store_files.c fault_vfs.c DEPS store core_import core_ids)
# The store through simulated power cuts (after every sync, at random writes,
# unsynced writes kept or lost at random and torn): nothing reported done is
# lost, no corruption, a walk-in and their check-in together.
lanyard_test(test_powercut SOURCES test_powercut.c powercut_vfs.c fault_vfs.c DEPS store core_import core_ids)
