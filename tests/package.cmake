# The kiosk as a service and as an installed program (packaging/).
# sd_notify: READY=1, WATCHDOG=1 and STOPPING=1 on a socket standing in for systemd.
lanyard_test(test_service_notify SOURCES test_service_notify.c DEPS platform_notify NEEDS_BINARY)
# `cmake --install` into a folder: the installed program finds its own assets,
# and the unit it installs passes `systemd-analyze verify` (when systemd is there).
find_program(SYSTEMD_ANALYZE systemd-analyze)
lanyard_test(test_install SOURCES test_install.c NEEDS_BINARY)
target_compile_definitions(test_install PRIVATE
  LANYARD_CMAKE="${CMAKE_COMMAND}" LANYARD_BUILD_DIR="${CMAKE_BINARY_DIR}"
  LANYARD_SYSTEMD_ANALYZE="$<$<BOOL:${SYSTEMD_ANALYZE}>:${SYSTEMD_ANALYZE}>")
set_tests_properties(test_service_notify test_install PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# scripts/bench: start to first frame of the installed package (skipped, and
# said so, when the package is not installed).
add_executable(bench_installed bench_installed.c xvfb.c)
target_compile_definitions(bench_installed PRIVATE LANYARD_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
