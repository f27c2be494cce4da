# Platform tests: fonts (no display needed).
lanyard_test(test_font SOURCES test_font.c DEPS platform_font PkgConfig::SDL2)
