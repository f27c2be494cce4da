# Tests of the core modules: text, time, ids, the guest model, CSV, import, the
# badge's QR link and the order of names.
lanyard_test(test_text SOURCES test_text.c DEPS core_text core_ids core_model core_lang)
lanyard_test(test_csv SOURCES test_csv.c DEPS core_csv PkgConfig::JANSSON)
lanyard_test(test_import SOURCES test_import.c DEPS core_import)
lanyard_test(test_guest_match SOURCES test_guest_match.c DEPS core_match)
lanyard_test(test_link SOURCES test_link.c DEPS core_link)
# Slow work on a thread of its own, walked away from without waiting (core/job.h).
lanyard_test(test_job SOURCES test_job.c DEPS core_job)
lanyard_test(test_name SOURCES test_name.c DEPS core_name core_text)
# Reading files that are not regular files (a FIFO, a device): refused at once.
lanyard_test(test_file_kinds SOURCES test_file_kinds.c DEPS core_file NEEDS_BINARY)
# It starts the kiosk, which reaches fontconfig (tests/ui/lsan.supp).
set_tests_properties(test_file_kinds PROPERTIES ENVIRONMENT
  "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/ui/lsan.supp;ASAN_OPTIONS=fast_unwind_on_malloc=0")
# Writing a whole file (core/file.h): new, replaced, or atomically; nothing cut off.
lanyard_test(test_file_write SOURCES test_file_write.c DEPS core_file)
