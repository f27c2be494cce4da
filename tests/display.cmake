# The screen the kiosk really has (issue 9): a panel mounted turned, touch
# targets in millimetres on real panel sizes, and the renderer chosen where
# OpenGL is a software rasteriser.
set(DISPLAY_TEST_ENV "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
lanyard_test(test_display_rotate SOURCES test_display_rotate.c
             DEPS ui_driver platform_display platform_input core_config NEEDS_BINARY)
set_tests_properties(test_display_rotate PROPERTIES ENVIRONMENT "${DISPLAY_TEST_ENV}")
# Under Xvfb (no GPU): renderer = auto draws in software within the memory budget,
# and the picture turned by OpenGL (llvmpipe) lands where the pointer is turned.
lanyard_test(test_display_renderer SOURCES test_display_renderer.c xvfb.c
             DEPS ui_driver platform_display platform_input NEEDS_BINARY
             TIMEOUT 180 LABELS nosan)
set_tests_properties(test_display_renderer PROPERTIES ENVIRONMENT "${DISPLAY_TEST_ENV}")
# Every tappable widget on every screen at least 9 mm on real panel sizes.
lanyard_test(test_ui_targets SOURCES test_ui_targets.c
             DEPS ui_driver ui_kiosk ui_widgets visit store core_pin m)
set_tests_properties(test_ui_targets PROPERTIES ENVIRONMENT "${DISPLAY_TEST_ENV}")
