# An hour of use (scripts/soak; issue 10): the seeded monkey of tests/soak.h.
# test_soak drives the kiosk in process for 20 minutes of simulated time (under
# the sanitizers: no crash, no leak; LANYARD_SOAK_MINUTES and _SEED change it).
lanyard_test(test_soak SOURCES test_soak.c soak.c gen_guests.c
             DEPS ui_driver store core_import core_pin core_config core_file TIMEOUT 900)
set_tests_properties(test_soak PROPERTIES ENVIRONMENT
  "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# The same monkey on the real program in a window on Xvfb, through X input,
# sampling its resident memory (scripts/soak runs it for MINUTES; here 2).
# Not under the sanitizers: it measures memory. Skipped without Xvfb/xdotool.
add_executable(soak_x soak_x.c soak.c gen_guests.c xvfb.c)
target_include_directories(soak_x PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(soak_x PRIVATE store core_import core_pin core_file m)
target_compile_definitions(soak_x PRIVATE LANYARD_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           LANYARD_BINARY="${CMAKE_BINARY_DIR}/src/cli/lanyard")
add_dependencies(soak_x lanyard)
add_test(NAME soak_x COMMAND soak_x 2)
set_tests_properties(soak_x PROPERTIES LABELS nosan TIMEOUT 400 SKIP_RETURN_CODE 77)
# The scripts/bench rows: resident memory after 20 minutes of the window run,
# and its growth over the second half (rss_after_use, rss_growth_second_half).
# Twenty, not ten: the kiosk's text-texture cache is bounded (768 entries, the
# window's size in bytes) and the run's screens fill it in 10 to 15 minutes,
# so a 10-minute second half measured the cache filling, not a leak.
add_executable(bench_soak soak_x.c soak.c gen_guests.c xvfb.c)
target_include_directories(bench_soak PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(bench_soak PRIVATE store core_import core_pin core_file m)
target_compile_definitions(bench_soak PRIVATE LANYARD_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           LANYARD_BINARY="${CMAKE_BINARY_DIR}/src/cli/lanyard"
                           SOAK_BENCH_MINUTES=20)
add_dependencies(bench_soak lanyard)
