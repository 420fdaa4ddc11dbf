/**
 * Live sessions after the handshake: the parameters handed to the data plane, adaptive FEC, clock
 * sync, and the host- and client-side session objects with their listeners.
 */
package io.punktfunk.control.session;
