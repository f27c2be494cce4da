# Sync folder tests: the worker with a temporary folder (no display needed).
lanyard_test(test_sync SOURCES test_sync.c DEPS platform_sync store)
