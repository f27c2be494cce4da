# Benchmark programs: built with the tests, run by scripts/bench, not by ctest.
add_executable(bench_store bench_store.c)
target_include_directories(bench_store PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(bench_store PRIVATE store core_import core_ids)
