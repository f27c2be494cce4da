/* assets.h — where the files Lanyard ships with (fonts/, demo/) are.
 *
 * An installed program finds them beside itself: PREFIX/bin/lanyard uses
 * PREFIX/share/lanyard (the path is fixed at build time relative to the
 * program, so a package or a `cmake --install --prefix DIR` both work). A
 * program run from its build folder uses the source tree's assets/. */
#ifndef LANYARD_ASSETS_H
#define LANYARD_ASSETS_H

/* The folder holding fonts/ and demo/; never NULL, the same for the whole run. */
const char *assets_dir(void);

#endif
