/* test_name.c — names as people write them (core/name.h): family name first on
 * one line for Chinese, Japanese and Korean script, given name first for every
 * other script and for names that mix scripts. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/name.h"
#include "core/text.h"

static void check(const char *first, const char *last, NameOrder order, const char *full)
{
    assert_int_equal(name_order(first, last), order);
    char *got = name_full(first, last);
    assert_non_null(got);
    assert_string_equal(got, full);
    free(got);
    /* Into a buffer: the same text, and cut as text_copy cuts it. */
    size_t len = strlen(full);
    for (size_t n = 1; n <= len + 2; n++) {
        char into[64], cut[64];
        assert_true(len < sizeof into - 2);
        memset(into, 'x', sizeof into);
        name_full_into(into, n, first, last);
        text_copy(cut, n, full);
        assert_string_equal(into, cut);
    }
}

static void test_cjk_family_first(void **state)
{
    (void)state;
    /* Chinese and Japanese: no space between the names. */
    check("芳", "王", NAME_FAMILY_FIRST, "王芳");
    check("小明", "欧阳", NAME_FAMILY_FIRST, "欧阳小明");
    check("太郎", "山田", NAME_FAMILY_FIRST, "山田太郎");
    check("はなこ", "やまだ", NAME_FAMILY_FIRST, "やまだはなこ");
    check("ケン", "タナカ", NAME_FAMILY_FIRST, "タナカケン");
    check("さくら", "佐藤", NAME_FAMILY_FIRST, "佐藤さくら");
    check("\xF0\xA0\x80\x80", "王", NAME_FAMILY_FIRST, "王\xF0\xA0\x80\x80"); /* extension B */
    /* Korean Hangul: a space. */
    check("민준", "김", NAME_FAMILY_FIRST, "김 민준");
    check("서연", "남궁", NAME_FAMILY_FIRST, "남궁 서연");
    /* Punctuation and marks have no script of their own. */
    check("ジョン・ポール", "スミス", NAME_FAMILY_FIRST, "スミスジョン・ポール");
    /* One part alone. */
    check("王芳", "", NAME_FAMILY_FIRST, "王芳");
    check("", "王", NAME_FAMILY_FIRST, "王");
    check(NULL, "김", NAME_FAMILY_FIRST, "김");
}

static void test_given_first(void **state)
{
    (void)state;
    check("Ana", "García", NAME_GIVEN_FIRST, "Ana García");
    check("محمد", "عبد الرحمن", NAME_GIVEN_FIRST, "محمد عبد الرحمن");
    check("Ёлка", "Иванова", NAME_GIVEN_FIRST, "Ёлка Иванова");
    check("Thị Lan", "Nguyễn", NAME_GIVEN_FIRST, "Thị Lan Nguyễn");
    /* Mixed scripts: as typed. */
    check("芳", "Wang", NAME_GIVEN_FIRST, "芳 Wang");
    check("Fang", "王", NAME_GIVEN_FIRST, "Fang 王");
    check("Ana", "", NAME_GIVEN_FIRST, "Ana");
    check("", "García", NAME_GIVEN_FIRST, "García");
    check(NULL, NULL, NAME_GIVEN_FIRST, "");
    check("1", "2", NAME_GIVEN_FIRST, "1 2");
    /* Bytes that are not UTF-8 are no script we know. */
    check("芳\xFF", "王", NAME_GIVEN_FIRST, "芳\xFF 王");
}

/* A fixed-size field ends at a whole character, in the name's own order. */
static void test_full_into_cut(void **state)
{
    (void)state;
    char out[16];
    name_full_into(out, sizeof out, "芳", "王");
    assert_string_equal(out, "王芳");
    name_full_into(out, 6, "芳", "王"); /* 王 is 3 bytes, 芳 3 more */
    assert_string_equal(out, "王");
    name_full_into(out, 3, "芳", "王");
    assert_string_equal(out, "");
    name_full_into(out, 9, "민준", "김");
    assert_string_equal(out, "김 민");
    name_full_into(out, 10, "Ana", "García"); /* the í is bytes 9 and 10 */
    assert_string_equal(out, "Ana Garc");
    name_full_into(out, 1, "Ana", "García");
    assert_string_equal(out, "");
    name_full_into(out, sizeof out, NULL, NULL);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_family_first),
        cmocka_unit_test(test_given_first),
        cmocka_unit_test(test_full_into_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
