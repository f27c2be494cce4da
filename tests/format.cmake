# Every tracked C file is formatted with the repository's .clang-format, by the
# clang-format of Debian 12 (14). Another major version lays some code out
# differently (Debian 13's 19 aligns macro continuations otherwise), so there
# the test is skipped and says why.
find_program(CLANG_FORMAT clang-format REQUIRED)
set(LANYARD_CLANG_FORMAT_MAJOR 14)
execute_process(COMMAND ${CLANG_FORMAT} --version OUTPUT_VARIABLE clang_format_version)
string(REGEX MATCH "version ([0-9]+)" _ "${clang_format_version}")
if(CMAKE_MATCH_1 STREQUAL LANYARD_CLANG_FORMAT_MAJOR)
  add_test(NAME format
    COMMAND bash -c "set -o pipefail; git ls-files -z '*.c' '*.h' | xargs -0 -r ${CLANG_FORMAT} --dry-run -Werror"
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME format COMMAND sh -c "echo 'format: skipped: clang-format ${CMAKE_MATCH_1}; the code is formatted with clang-format ${LANYARD_CLANG_FORMAT_MAJOR}'; exit 77")
  set_tests_properties(format PROPERTIES SKIP_RETURN_CODE 77)
endif()
# No source file over 800 lines, no function over 100 (scripts/longest).
add_test(NAME limits COMMAND ${CMAKE_SOURCE_DIR}/scripts/longest --check src
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
