# Sync folder tests: the worker with a temporary folder, and a scripted kiosk
# run with a sync folder in event.ini (SDL dummy driver, no display needed).
lanyard_test(test_sync SOURCES test_sync.c DEPS platform_sync store NEEDS_BINARY)
# The kiosk run reaches fontconfig and SDL: their one-time allocations are
# suppressed as for the UI tests.
set_tests_properties(test_sync PROPERTIES ENVIRONMENT
  "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")

# The kiosk's sync hooks and the staff screen's sync line, in process with a
# simulated clock.
lanyard_test(test_sync_staff SOURCES test_sync_staff.c DEPS ui_driver ui_kiosk ui_widgets store core_import core_text core_pin)
