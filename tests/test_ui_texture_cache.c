/* test_ui_texture_cache.c — the kiosk's text texture cache and shapes, on SDL's
 * software renderer drawing into a surface (no display): hits, the entry and
 * byte bounds, measurements that match what is drawn, and rounded rectangles
 * that stay inside their rectangle. */
#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "platform/font.h"
#include "platform/sdl_shapes.h"
#include "platform/texture_cache.h"

typedef struct Fixture {
    SDL_Surface *target;
    SDL_Renderer *r;
    FontSet *fs;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    char err[256];
    f.target = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f.target);
    f.r = SDL_CreateSoftwareRenderer(f.target);
    assert_non_null(f.r);
    char *assets = tu_source("assets");
    f.fs = font_set_create(assets, err, sizeof err);
    free(assets);
    if (!f.fs)
        fail_msg("%s", err);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    font_set_destroy(f->fs);
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->target);
    return 0;
}

static void test_hits_and_measure(void **state)
{
    Fixture *f = *state;
    TextureCache *tc = texture_cache_create(f->r, f->fs, 16, 1 << 20);
    assert_non_null(tc);
    SDL_Color black = {0, 0, 0, 255}, red = {200, 0, 0, 255};
    int w, h, mw, mh;
    SDL_Texture *a = texture_cache_text(tc, "José García", 24, FONT_BOLD, black, &w, &h);
    assert_non_null(a);
    assert_int_equal(texture_cache_measure(tc, "José García", 24, FONT_BOLD, &mw, &mh), 0);
    assert_int_equal(mw, w); /* layout and drawing agree */
    assert_int_equal(mh, h);
    SDL_Texture *b = texture_cache_text(tc, "José García", 24, FONT_BOLD, black, &w, &h);
    assert_ptr_equal(a, b);
    /* Colour, size and weight are part of the key. */
    assert_ptr_not_equal(texture_cache_text(tc, "José García", 24, FONT_BOLD, red, &w, &h), a);
    assert_ptr_not_equal(texture_cache_text(tc, "José García", 25, FONT_BOLD, black, &w, &h), a);
    TextureCacheStats st;
    texture_cache_stats(tc, &st);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.entries, 3);
    texture_cache_destroy(tc);
}

static void test_bounds(void **state)
{
    Fixture *f = *state;
    /* 8 entries, 40 kB of pixels: a long run of different labels stays inside. */
    TextureCache *tc = texture_cache_create(f->r, f->fs, 8, 40 << 10);
    assert_non_null(tc);
    SDL_Color c = {0, 0, 0, 255};
    char text[64];
    for (int i = 0; i < 200; i++) {
        snprintf(text, sizeof text, "Guest number %d", i);
        int w, h;
        assert_non_null(texture_cache_text(tc, text, 20, FONT_REGULAR, c, &w, &h));
        TextureCacheStats st;
        texture_cache_stats(tc, &st);
        assert_true(st.entries <= 8);
        assert_true(st.bytes <= 40 << 10);
    }
    /* The most recent is still there; the first was evicted. */
    int w, h;
    TextureCacheStats before, after;
    texture_cache_stats(tc, &before);
    texture_cache_text(tc, "Guest number 199", 20, FONT_REGULAR, c, &w, &h);
    texture_cache_stats(tc, &after);
    assert_int_equal(after.hits, before.hits + 1);
    texture_cache_text(tc, "Guest number 0", 20, FONT_REGULAR, c, &w, &h);
    texture_cache_stats(tc, &before);
    assert_int_equal(before.misses, after.misses + 1);
    assert_true(before.evictions > 0);
    texture_cache_destroy(tc);
}

/* Pixels outside q are untouched by a filled or outlined rounded rectangle,
 * the corners are cut, and the middle is filled. */
static void test_shapes(void **state)
{
    Fixture *f = *state;
    ShapeCache *sc = shape_cache_create(f->r);
    assert_non_null(sc);
    SDL_SetRenderDrawColor(f->r, 255, 255, 255, 255);
    SDL_RenderClear(f->r);
    SDL_Rect q = {50, 40, 200, 100};
    SDL_Color blue = {0, 0, 255, 255};
    shape_fill(sc, q, 20, blue);
    shape_frame(sc, (SDL_Rect){60, 160, 120, 80}, 16, 3, blue);
    SDL_RenderPresent(f->r);
    const Uint32 *px = f->target->pixels;
    int pitch = f->target->pitch / 4;
    Uint32 white = SDL_MapRGB(f->target->format, 255, 255, 255);
    Uint32 full = SDL_MapRGB(f->target->format, 0, 0, 255);
    for (int y = 0; y < 300; y++)
        for (int x = 0; x < 400; x++) {
            bool in1 = x >= 50 && x < 250 && y >= 40 && y < 140;
            bool in2 = x >= 60 && x < 180 && y >= 160 && y < 240;
            if (!in1 && !in2)
                assert_int_equal(px[y * pitch + x], white);
        }
    assert_int_equal(px[90 * pitch + 150], full);   /* middle */
    assert_int_equal(px[40 * pitch + 50], white);   /* cut corner */
    assert_int_equal(px[40 * pitch + 150], full);   /* top edge */
    assert_int_equal(px[200 * pitch + 120], white); /* outline: hollow */
    assert_int_equal(px[200 * pitch + 61], full);   /* outline: left side */
    shape_cache_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hits_and_measure),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_shapes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
