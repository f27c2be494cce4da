# The command line, end to end through the real binary.
lanyard_test(test_cli SOURCES test_cli.c DEPS core_csv NEEDS_BINARY)
