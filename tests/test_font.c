/* test_font.c — placeholder replaced below */
#include "testutil.h"
#include "platform/font.h"
static void test_create(void **state)
{
    (void)state;
    char err[256];
    FontSet *fs = font_set_create(LANYARD_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(fs);
    font_set_destroy(fs);
}
int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_create)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
