# Tests of the kiosk (issue 3): guest flows driven by `lanyard run --script` with
# SDL_VIDEODRIVER=dummy and checked on the database; the widget layer, keyboard,
# script parser and screen state machine without a display; reference screenshots.
lanyard_test(test_ui_flows SOURCES test_ui_flows.c DEPS store core_text NEEDS_BINARY)
