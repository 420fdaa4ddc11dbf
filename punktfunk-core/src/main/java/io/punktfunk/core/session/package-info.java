/**
 * The punktfunk/1 data-plane session (punktfunk-reference.md §1.11): {@link io.punktfunk.core.session.HostMediaSession}
 * packetizes, seals and paces frames onto a transport; {@link io.punktfunk.core.session.ClientMediaSession}
 * receives, opens and reassembles them. One {@link io.punktfunk.core.session.SessionStats} snapshot covers both layers.
 */
package io.punktfunk.core.session;
