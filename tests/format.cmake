# Every tracked C file is formatted with the repository's .clang-format.
find_program(CLANG_FORMAT clang-format REQUIRED)
add_test(NAME format
  COMMAND bash -c "set -o pipefail; git ls-files -z '*.c' '*.h' | xargs -0 -r ${CLANG_FORMAT} --dry-run -Werror"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# No source file over 800 lines, no function over 100 (scripts/longest).
add_test(NAME limits COMMAND ${CMAKE_SOURCE_DIR}/scripts/longest --check src
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
