/* x11_view.c: a punktfunk stream in an X11 window, the docs/embedding.md example.
 * usage: x11_view HOST PORT [PIN [SECONDS]]   build: gcc x11_view.c -lpunktfunk_client -lX11 */
#include <punktfunk_core.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s HOST PORT [PIN [SECONDS]]\n", argv[0]);
        return 2;
    }
    PunktfunkOptions o;
    punktfunk_options_init(&o);
    o.host = argv[1];
    o.port = (uint16_t) atoi(argv[2]);
    o.width = 640;
    o.height = 360;
    o.pixel_format = PUNKTFUNK_PIXFMT_BGRA; /* what a 24-bit TrueColor XImage holds */
    PunktfunkClient *c = NULL;
    int rc = punktfunk_create(&o, &c);
    if (rc == PUNKTFUNK_OK && (rc = punktfunk_connect(c)) == PUNKTFUNK_ERR_NOT_PAIRED && argc > 3
        && (rc = punktfunk_pair(c, argv[3])) == PUNKTFUNK_OK) {
        rc = punktfunk_connect(c);
    }
    Display *d = XOpenDisplay(NULL);
    if (rc != PUNKTFUNK_OK || d == NULL) {
        fprintf(stderr, "x11_view: %s\n", d == NULL ? "no X display" : punktfunk_last_error());
        return 1;
    }
    Window w = XCreateSimpleWindow(d, DefaultRootWindow(d), 0, 0, o.width, o.height, 0, 0, 0);
    XMapWindow(d, w);
    time_t end = time(NULL) + (argc > 4 ? atoi(argv[4]) : 1 << 30);
    int shown = 0;
    PunktfunkFrame f;
    while (time(NULL) < end && (rc = punktfunk_poll_frame(c, &f, 500)) != PUNKTFUNK_ERR_CLOSED) {
        if (rc != PUNKTFUNK_OK) {
            continue; /* PUNKTFUNK_ERR_TIMEOUT: no new picture yet */
        }
        XImage *img = XCreateImage(d, DefaultVisual(d, DefaultScreen(d)), 24, ZPixmap, 0, (char *) f.planes[0],
                                   f.width, f.height, 32, (int) f.strides[0]);
        XPutImage(d, w, DefaultGC(d, DefaultScreen(d)), img, 0, 0, 0, 0, f.width, f.height);
        img->data = NULL; /* the pixels are the library's, valid until the next poll */
        XDestroyImage(img);
        XFlush(d);
        shown++;
    }
    printf("shown %d\n", shown);
    punktfunk_disconnect(c, "viewer closed");
    punktfunk_destroy(c);
    XCloseDisplay(d);
    return shown > 0 ? 0 : 1;
}
