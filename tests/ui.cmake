# Tests of the kiosk (issue 3): guest flows driven by `lanyard run --script` with
# SDL_VIDEODRIVER=dummy and checked on the database; the widget layer, keyboard,
# script parser and screen state machine without a display; reference screenshots.
lanyard_test(test_ui_flows SOURCES test_ui_flows.c DEPS ui_driver store core_text NEEDS_BINARY)
lanyard_test(test_ui_widgets SOURCES test_ui_widgets.c
             DEPS ui_driver app_script ui_widgets core_model core_text)
lanyard_test(test_ui_kiosk SOURCES test_ui_kiosk.c
             DEPS ui_driver ui_kiosk ui_widgets store core_import core_ids core_text)
lanyard_test(test_ui_texture_cache SOURCES test_ui_texture_cache.c DEPS platform_display)
# The kiosk reaches fontconfig and (under X11) D-Bus: their leaks are suppressed (tests/ui/lsan.supp).
set(UI_TEST_ENV "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
set_tests_properties(test_ui_flows test_ui_widgets test_ui_kiosk test_ui_texture_cache PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Staff mode (SPEC §5): the lock-out schedule, then the gesture, PIN pad and
# staff screen through `lanyard run --script` (tests/ui/staff_*.script), and
# Export to USB into a folder standing in for the stick (LANYARD_USB_DIR).
lanyard_test(test_ui_staff SOURCES test_ui_staff.c DEPS ui_driver visit platform_media store core_csv NEEDS_BINARY)
set_tests_properties(test_ui_staff PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Every screen at four sizes against tests/ui/ref/ (scripts/update-screenshots
# regenerates them). About pixels, not memory: the flows above cover the same
# code under the sanitizers, where software rendering of 56 frames is slow.
lanyard_test(test_ui_screens SOURCES test_ui_screens.c DEPS ui_driver NEEDS_BINARY
             LABELS nosan screenshots)
set_tests_properties(test_ui_screens PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Real X input: Xvfb + xdotool drive a windowed kiosk through SDL's X11 backend.
lanyard_test(test_ui_xinput SOURCES test_ui_xinput.c xvfb.c DEPS store NEEDS_BINARY TIMEOUT 120)
set_tests_properties(test_ui_xinput PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# The kiosk's benchmark figures, run by scripts/bench (not a test).
add_executable(bench_kiosk bench_kiosk.c xvfb.c)
target_compile_definitions(bench_kiosk PRIVATE LANYARD_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           LANYARD_BINARY="${CMAKE_BINARY_DIR}/src/cli/lanyard")
add_dependencies(bench_kiosk lanyard)
# Explore programs (SPEC §3 item 7): program pages, their QR code (decoded with
# zbarimg from a screenshot) and I'm interested during a guest's visit.
lanyard_test(test_ui_programs SOURCES test_ui_programs.c DEPS ui_driver ui_kiosk store core_text m
             NEEDS_BINARY)
set_tests_properties(test_ui_programs PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# What a trial at the door found (issue 8), checked on the database and the
# exports as well as on the screen.
lanyard_test(test_ui_door SOURCES test_ui_door.c DEPS ui_driver store core_import platform_font NEEDS_BINARY)
set_tests_properties(test_ui_door PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Staff mode's Kiosk set-up in process: About this kiosk and Load event from
# USB, a folder standing in for the stick.
lanyard_test(test_ui_setup SOURCES test_ui_setup.c DEPS ui_driver ui_kiosk visit store NEEDS_BINARY)
set_tests_properties(test_ui_setup PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# The screen never waits on slow hardware (issue 10): Export to USB, Load event
# and the Printer screen's test badge while the stick (a media port that blocks)
# and the print server (a socket nobody answers) hang; each frame timed.
lanyard_test(test_ui_slow_io SOURCES test_ui_slow_io.c badge_testutil.c
             DEPS ui_driver ui_kiosk visit badge_print store core_csv core_config)
set_tests_properties(test_ui_slow_io PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Contrast measured (issue 11): every text on every screen, read back from the
# views of a walk, at 4.5:1 (3:1 large), in both themes and with event colours.
lanyard_test(test_ui_contrast SOURCES test_ui_contrast.c
             DEPS ui_driver ui_kiosk store core_import core_config core_contrast)
set_tests_properties(test_ui_contrast PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Without the touchscreen (issue 11): check-in and walk-in by keyboard alone
# and by keypad alone, checked on the database; the focus ring measured.
lanyard_test(test_ui_keys SOURCES test_ui_keys.c
             DEPS ui_driver ui_kiosk store core_import core_config core_contrast)
set_tests_properties(test_ui_keys PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# Spoken guidance (issue 11) recorded instead of played: the sequence for a
# check-in, a walk-in and an unknown code in English and Spanish.
lanyard_test(test_ui_speech SOURCES test_ui_speech.c DEPS ui_driver ui_kiosk store core_import)
set_tests_properties(test_ui_speech PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# A real spoken run rendered to WAV files through espeak-ng, when the kiosk is
# built with it: levels and lengths read back (and scripts/speech-check).
if(ESPEAK_FOUND)
  lanyard_test(test_speech_wav SOURCES test_speech_wav.c DEPS ui_driver m NEEDS_BINARY)
  set_tests_properties(test_speech_wav PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
endif()
# One guest's visit never reaches the next person (issue 10): Done ends it.
lanyard_test(test_ui_guests SOURCES test_ui_guests.c
             DEPS ui_driver ui_kiosk visit store core_import core_pin core_text)
set_tests_properties(test_ui_guests PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# A double tap on a button that changes the screen presses nothing on the next.
lanyard_test(test_ui_taps SOURCES test_ui_taps.c DEPS ui_driver ui_kiosk store core_import core_config)
set_tests_properties(test_ui_taps PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
# A walk-in corrects a typo from Interests (Fix my details): one guest, the
# picks kept, the badge read back as the print queue reads it.
lanyard_test(test_ui_walkin_fix SOURCES test_ui_walkin_fix.c
             DEPS ui_driver ui_kiosk badge_render store core_import)
set_tests_properties(test_ui_walkin_fix PROPERTIES ENVIRONMENT "${UI_TEST_ENV}")
