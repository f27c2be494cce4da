# Tests of the event database: opening and refusing files, check-in, import,
# interests, exports, merge of several kiosks, and durability across a kill.
lanyard_test(test_store SOURCES test_store.c DEPS store core_import core_ids)
