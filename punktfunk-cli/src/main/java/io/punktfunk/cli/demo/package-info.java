/** {@code punktfunk demo}: host and client over loopback in one process, live stats and a summary. */
package io.punktfunk.cli.demo;
