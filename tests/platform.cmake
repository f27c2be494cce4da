# Platform tests: fonts (no display needed).
lanyard_test(test_font SOURCES test_font.c DEPS platform_font core_model)
# Tests that reach fontconfig can use tests/lsan.supp for its one-time leak; the
# slow unwinder is needed to see through fontconfig, built without frame pointers.
set_tests_properties(test_font PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
