# The real kiosk killed at random (scripts/crash-test): no confirmed check-in
# lost, none without its badge's job, no badge printed twice. A short run here;
# the figures for thousands of kills come from running the script by hand. Not
# under the sanitizers: it is about the binary the kiosk runs.
add_test(NAME crash_test COMMAND ${CMAKE_SOURCE_DIR}/scripts/crash-test 20)
set_tests_properties(crash_test PROPERTIES
  ENVIRONMENT "LANYARD=${CMAKE_BINARY_DIR}/src/cli/lanyard"
  LABELS "nosan;cups" TIMEOUT 600 DEPENDS lanyard)
