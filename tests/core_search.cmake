# Tests of search, export and event.ini, and the search benchmark (run by scripts/bench).
lanyard_test(test_search SOURCES test_search.c gen_guests.c DEPS core_search core_model core_text)

add_executable(bench_core bench_core.c gen_guests.c)
target_include_directories(bench_core PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(bench_core PRIVATE core_search core_model core_text)
lanyard_test(test_export SOURCES test_export.c DEPS core_export core_csv core_model core_text)
lanyard_test(test_event_config SOURCES test_event_config.c DEPS core_config core_text)
lanyard_test(test_search_privacy SOURCES test_search_privacy.c
             DEPS core_search core_import core_model core_text)
