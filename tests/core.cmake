# Tests of the core modules: text, time, ids, the guest model, CSV and import.
lanyard_test(test_text SOURCES test_text.c DEPS core_text core_ids core_model)
