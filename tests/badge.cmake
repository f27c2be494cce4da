# Tests of badges and printing: layout (pure), rendering to PNG/PDF checked with
# pdfinfo and zbarimg (the link read back to the guest's code by core/link), and
# printing through a real CUPS (label cups).
lanyard_test(test_badge_layout SOURCES test_badge_layout.c DEPS badge_layout core_qr core_text)
lanyard_test(test_badge_render SOURCES test_badge_render.c DEPS badge_render core_config)
# The link printed under the QR code: whole, readable, and the code still decodes.
lanyard_test(test_badge_url SOURCES test_badge_url.c DEPS badge_render core_config core_link)
lanyard_test(test_badge_print SOURCES test_badge_print.c badge_testutil.c
             DEPS badge_print store visit core_config NEEDS_BINARY)
lanyard_test(test_badge_cups SOURCES test_badge_cups.c badge_testutil.c cups_env.c
             DEPS badge_print store core_config NEEDS_BINARY LABELS cups TIMEOUT 600)
# fontconfig's one-time leak (see tests/platform.cmake); the lanyard runs inherit it.
set_tests_properties(test_badge_render test_badge_url test_badge_print test_badge_cups PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")

# Benchmark (run by scripts/bench, not by ctest): badge_render_p99.
add_executable(bench_badge bench_badge.c)
target_include_directories(bench_badge PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(bench_badge PRIVATE badge_render core_config)
target_compile_definitions(bench_badge PRIVATE LANYARD_ASSET_DIR="${LANYARD_ASSET_DIR}")
# The Done screen's badge status against a stand-in queue, in fake time.
lanyard_test(test_kiosk_badge SOURCES test_kiosk_badge.c
             DEPS ui_driver ui_kiosk store core_import core_ids core_text)
# Staff's Printer screen and badge/cups_admin: driver matching (pure), then a
# real CUPS with a cups-pdf queue (label cups): the look, adding a queue (and
# the refusal without admin rights), the screen's test badge and Use for badges.
lanyard_test(test_printer_setup SOURCES test_printer_setup.c cups_env.c
             DEPS ui_driver ui_kiosk visit badge_admin badge_print store core_config
             NEEDS_BINARY LABELS cups TIMEOUT 600)
set_tests_properties(test_printer_setup PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# A print server that never answers (a socket nobody accepts on): nothing waits on it.
lanyard_test(test_badge_hang SOURCES test_badge_hang.c badge_testutil.c
             DEPS badge_print badge_admin store core_config)
set_tests_properties(test_badge_hang PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# The badge recorded with the check-in, through the visit and the real queue.
lanyard_test(test_visit_print SOURCES test_visit_print.c badge_testutil.c
             DEPS badge_print visit store core_config core_link)
set_tests_properties(test_visit_print PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# After a crash: a job left sending is looked for at CUPS; a deleted queue's job fails for good.
lanyard_test(test_badge_recover SOURCES test_badge_recover.c badge_testutil.c cups_env.c
             DEPS badge_print store core_config NEEDS_BINARY LABELS cups TIMEOUT 600)
set_tests_properties(test_badge_recover PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
