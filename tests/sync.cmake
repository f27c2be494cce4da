# Sync folder tests: the worker with a temporary folder, and a scripted kiosk
# run with a sync folder in event.ini (SDL dummy driver, no display needed).
lanyard_test(test_sync SOURCES test_sync.c DEPS platform_sync store NEEDS_BINARY)
