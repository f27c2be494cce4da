# Tests of badges and printing: layout and QR link (pure), rendering to PNG/PDF
# checked with pdfinfo and zbarimg, and printing through a real CUPS (label cups).
lanyard_test(test_badge_layout SOURCES test_badge_layout.c DEPS badge_layout core_text)
lanyard_test(test_badge_render SOURCES test_badge_render.c DEPS badge_render core_config)
lanyard_test(test_badge_print SOURCES test_badge_print.c badge_testutil.c
             DEPS badge_print store core_config NEEDS_BINARY)
