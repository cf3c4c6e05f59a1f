// The wide-character ncurses API, and the macros Swift cannot import as small functions.
#ifndef LOUPE_CNCURSESW_SHIM_H
#define LOUPE_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int loupe_lines(WINDOW *w) { return getmaxy(w); }
static inline int loupe_columns(WINDOW *w) { return getmaxx(w); }
static inline attr_t loupe_bold(void) { return A_BOLD; }
static inline attr_t loupe_reverse(void) { return A_REVERSE; }
static inline attr_t loupe_dim(void) { return A_DIM; }
static inline attr_t loupe_normal(void) { return A_NORMAL; }
static inline attr_t loupe_color_pair(short pair) { return COLOR_PAIR(pair); }
static inline int loupe_set_attributes(WINDOW *w, attr_t attributes) { return wattrset(w, attributes); }

#endif
