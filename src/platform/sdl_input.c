/* sdl_input.c — SDL events to UiEvents and back. See sdl_input.h. */
#include "platform/sdl_input.h"

#include <stdio.h>
#include <string.h>

static UiKey map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return UI_KEY_RETURN;
    case SDLK_BACKSPACE:
        return UI_KEY_BACKSPACE;
    case SDLK_DELETE:
        return UI_KEY_DELETE;
    case SDLK_TAB:
        return UI_KEY_TAB;
    case SDLK_ESCAPE:
        return UI_KEY_ESCAPE;
    case SDLK_LEFT:
        return UI_KEY_LEFT;
    case SDLK_RIGHT:
        return UI_KEY_RIGHT;
    case SDLK_UP:
        return UI_KEY_UP;
    case SDLK_DOWN:
        return UI_KEY_DOWN;
    case SDLK_HOME:
        return UI_KEY_HOME;
    case SDLK_END:
        return UI_KEY_END;
    case SDLK_F4:
        return UI_KEY_F4;
    case SDLK_q:
        return UI_KEY_Q;
    case SDLK_F1:
        return UI_KEY_F1;
    case SDLK_KP_0:
        return UI_KEY_KP_0;
    case SDLK_KP_1:
    case SDLK_KP_2:
    case SDLK_KP_3:
    case SDLK_KP_4:
    case SDLK_KP_5:
    case SDLK_KP_6:
    case SDLK_KP_7:
    case SDLK_KP_8:
    case SDLK_KP_9: /* SDL numbers KP_1..KP_9 in a row */
        return (UiKey)(UI_KEY_KP_0 + 1 + (int)(k - SDLK_KP_1));
    case SDLK_KP_PLUS:
        return UI_KEY_KP_PLUS;
    case SDLK_KP_MINUS:
        return UI_KEY_KP_MINUS;
    case SDLK_KP_MULTIPLY:
        return UI_KEY_KP_MULTIPLY;
    default:
        return UI_KEY_OTHER;
    }
}

static unsigned map_mods(Uint16 m)
{
    unsigned out = 0;
    if (m & KMOD_SHIFT)
        out |= UI_MOD_SHIFT;
    if (m & KMOD_CTRL)
        out |= UI_MOD_CTRL;
    if (m & KMOD_ALT)
        out |= UI_MOD_ALT;
    if (m & KMOD_GUI)
        out |= UI_MOD_GUI;
    return out;
}

static InputKind window_event(const SDL_Event *e)
{
    Uint8 w = e->window.event;
    return w == SDL_WINDOWEVENT_EXPOSED || w == SDL_WINDOWEVENT_SIZE_CHANGED ||
                   w == SDL_WINDOWEVENT_RESTORED
               ? INPUT_REDRAW
               : INPUT_IGNORED;
}

/* ---- pointer positions ---- */

void input_to_view(const InputSpace *sp, int wx, int wy, int *vx, int *vy)
{
    switch (sp->rotate) {
    case 90:
        *vx = wy;
        *vy = sp->w - 1 - wx;
        break;
    case 180:
        *vx = sp->w - 1 - wx;
        *vy = sp->h - 1 - wy;
        break;
    case 270:
        *vx = sp->h - 1 - wy;
        *vy = wx;
        break;
    default:
        *vx = wx;
        *vy = wy;
        break;
    }
}

void input_to_window(const InputSpace *sp, int vx, int vy, int *wx, int *wy)
{
    switch (sp->rotate) {
    case 90:
        *wx = sp->w - 1 - vy;
        *wy = vx;
        break;
    case 180:
        *wx = sp->w - 1 - vx;
        *wy = sp->h - 1 - vy;
        break;
    case 270:
        *wx = vy;
        *wy = sp->h - 1 - vx;
        break;
    default:
        *wx = vx;
        *wy = vy;
        break;
    }
}

static InputKind pointer(const InputSpace *sp, UiEventType type, int wx, int wy, UiEvent *ev)
{
    ev->type = type;
    input_to_view(sp, wx, wy, &ev->x, &ev->y);
    return INPUT_UI;
}

/* A fraction of the window's side in its pixels, inside the window. */
static int finger_px(float f, int side)
{
    int p = (int)(f * (float)side);
    return p < 0 ? 0 : p >= side ? side - 1 : p;
}

static InputKind finger(InputSpace *sp, const SDL_Event *e, UiEvent *ev)
{
    const SDL_TouchFingerEvent *f = &e->tfinger;
    bool ours = sp->finger_down && f->touchId == sp->touch && f->fingerId == sp->finger;
    UiEventType type;
    if (e->type == SDL_FINGERDOWN) {
        if (sp->finger_down)
            return INPUT_IGNORED; /* a second finger, or a palm */
        sp->finger_down = true;
        sp->touch = f->touchId;
        sp->finger = f->fingerId;
        type = UI_EV_DOWN;
    } else if (!ours) {
        return INPUT_IGNORED;
    } else if (e->type == SDL_FINGERUP) {
        sp->finger_down = false;
        type = UI_EV_UP;
    } else {
        type = UI_EV_MOVE;
    }
    return pointer(sp, type, finger_px(f->x, sp->w), finger_px(f->y, sp->h), ev);
}

/* ---- events ---- */

InputKind input_translate(InputSpace *sp, const SDL_Event *e, UiEvent *ev)
{
    memset(ev, 0, sizeof *ev);
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.button != SDL_BUTTON_LEFT || e->button.which == SDL_TOUCH_MOUSEID)
            return INPUT_IGNORED;
        return pointer(sp, e->type == SDL_MOUSEBUTTONDOWN ? UI_EV_DOWN : UI_EV_UP, e->button.x,
                       e->button.y, ev);
    case SDL_MOUSEMOTION:
        if (!(e->motion.state & SDL_BUTTON_LMASK) || e->motion.which == SDL_TOUCH_MOUSEID)
            return INPUT_IGNORED; /* hovering means nothing on a touch screen */
        return pointer(sp, UI_EV_MOVE, e->motion.x, e->motion.y, ev);
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        return finger(sp, e, ev);
    case SDL_TEXTINPUT:
        ev->type = UI_EV_TEXT;
        snprintf(ev->text, sizeof ev->text, "%s", e->text.text);
        return INPUT_UI;
    case SDL_KEYDOWN:
        ev->type = UI_EV_KEY;
        ev->key = map_key(e->key.keysym.sym);
        ev->mods = map_mods(e->key.keysym.mod);
        if (ev->key == UI_KEY_OTHER && !(ev->mods & (UI_MOD_CTRL | UI_MOD_ALT)))
            return INPUT_IGNORED; /* letters arrive as SDL_TEXTINPUT */
        /* A key held down presses once: Return held on a form's last field
         * would submit it and then answer the question that opens (Is this
         * you?'s Yes, where guidance puts the focus). Arrows, Tab and
         * Backspace repeat, as on any keyboard. */
        if (e->key.repeat && (ev->key == UI_KEY_RETURN || ev->key == UI_KEY_ESCAPE ||
                              (ev->key >= UI_KEY_KP_0 && ev->key <= UI_KEY_KP_9) ||
                              ev->key == UI_KEY_F1 || ev->key == UI_KEY_KP_MULTIPLY))
            return INPUT_IGNORED;
        return INPUT_UI;
    case SDL_QUIT:
        ev->type = UI_EV_QUIT;
        return INPUT_UI;
    case SDL_WINDOWEVENT:
        return window_event(e);
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        return INPUT_LOST;
    default:
        return INPUT_IGNORED;
    }
}

SDL_Event input_mouse(Uint32 type, int x, int y, Uint32 window_id)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.windowID = window_id;
        e.motion.state = SDL_BUTTON_LMASK;
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.windowID = window_id;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    return e;
}

SDL_Event input_finger(Uint32 type, int x, int y, const InputSpace *sp, Uint32 window_id)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.windowID = window_id;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    /* The middle of the pixel, so the way back lands on the same one. */
    e.tfinger.x = ((float)x + 0.5f) / (float)(sp->w > 0 ? sp->w : 1);
    e.tfinger.y = ((float)y + 0.5f) / (float)(sp->h > 0 ? sp->h : 1);
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    return e;
}

SDL_Event input_text(const char *s, size_t n, Uint32 window_id)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    e.text.windowID = window_id;
    if (n >= sizeof e.text.text)
        n = sizeof e.text.text - 1;
    memcpy(e.text.text, s, n);
    return e;
}

/* "shift", "ctrl", ... as SDL's left modifier; 0 when not a modifier. */
static Uint16 modifier(const char *name)
{
    if (!SDL_strcasecmp(name, "shift"))
        return KMOD_LSHIFT;
    if (!SDL_strcasecmp(name, "ctrl") || !SDL_strcasecmp(name, "control"))
        return KMOD_LCTRL;
    if (!SDL_strcasecmp(name, "alt"))
        return KMOD_LALT;
    if (!SDL_strcasecmp(name, "gui") || !SDL_strcasecmp(name, "super"))
        return KMOD_LGUI;
    return 0;
}

bool input_key(const char *spec, Uint32 window_id, SDL_Event *down, SDL_Event *up)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", spec);
    Uint16 mod = 0;
    char *name = buf;
    for (char *plus; (plus = strchr(name, '+')) && plus[1];) {
        *plus = '\0';
        Uint16 m = modifier(name);
        if (!m)
            return false;
        mod |= m;
        name = plus + 1;
    }
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN)
        return false;
    memset(down, 0, sizeof *down);
    down->type = SDL_KEYDOWN;
    down->key.windowID = window_id;
    down->key.state = SDL_PRESSED;
    down->key.keysym.sym = k;
    down->key.keysym.scancode = SDL_GetScancodeFromKey(k);
    down->key.keysym.mod = mod;
    *up = *down;
    up->type = SDL_KEYUP;
    up->key.state = SDL_RELEASED;
    return true;
}
