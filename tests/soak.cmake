# An hour of use (scripts/soak; issue 10): the seeded monkey of tests/soak.h.
# test_soak drives the kiosk in process for 20 minutes of simulated time (under
# the sanitizers: no crash, no leak; LANYARD_SOAK_MINUTES and _SEED change it).
lanyard_test(test_soak SOURCES test_soak.c soak.c gen_guests.c
             DEPS ui_driver store core_import core_pin core_config core_file TIMEOUT 900)
set_tests_properties(test_soak PROPERTIES ENVIRONMENT
  "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
