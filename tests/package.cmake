# The kiosk as a service and as an installed program (packaging/).
# sd_notify: READY=1, WATCHDOG=1 and STOPPING=1 on a socket standing in for systemd.
lanyard_test(test_service_notify SOURCES test_service_notify.c DEPS platform_notify NEEDS_BINARY)
set_tests_properties(test_service_notify PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
