# One meaning of "checked in": the staff dashboard, `lanyard stats` and the
# exports of one event compared figure by figure.
lanyard_test(test_counts SOURCES test_counts.c DEPS visit store core_csv core_config NEEDS_BINARY)
