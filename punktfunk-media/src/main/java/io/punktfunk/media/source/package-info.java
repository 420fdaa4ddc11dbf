/**
 * Video sources a host captures from: a stamped synthetic pattern, an X11 display (x11grab) and
 * a looping video file, all filling reused I420 pictures.
 */
package io.punktfunk.media.source;
