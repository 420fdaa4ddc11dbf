/**
 * {@code punktfunk connect} and {@code punktfunk probe}: a client session from the command line, live
 * stats, summary.
 */
package io.punktfunk.cli.client;
