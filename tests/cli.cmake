# The command line, end to end through the real binary.
lanyard_test(test_cli SOURCES test_cli.c DEPS core_csv NEEDS_BINARY)
# The badges it renders load fonts: fontconfig's one-time leak (see tests/platform.cmake).
set_tests_properties(test_cli PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# Guests from a list with no registration code: the badge's code, scanned,
# re-imported and merged (tests/test_listed_code.c).
lanyard_test(test_listed_code SOURCES test_listed_code.c
             DEPS badge_render store core_config core_ids NEEDS_BINARY)
set_tests_properties(test_listed_code PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
