# Hostile input. CSV injection through the real export (store to CSV), read
# back split on ',', ';' and TAB.
lanyard_test(test_export_guard SOURCES test_export_guard.c
             DEPS store core_export core_csv core_import core_model)
# The libFuzzer targets (tests/fuzz/), only in a LANYARD_FUZZ build: scripts/fuzz.
if(LANYARD_FUZZ)
  add_subdirectory(fuzz)
endif()
