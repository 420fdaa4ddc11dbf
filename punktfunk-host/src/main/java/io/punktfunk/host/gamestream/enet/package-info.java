/**
 * An ENet 1.3 server peer in Java, wire-compatible with the ENet fork that moonlight-common-c uses for the
 * GameStream control stream (reference gamestream.md §5.1). {@link io.punktfunk.host.gamestream.enet.EnetServer}
 * is the entry point; docs/gamestream.md ("Control stream (ENet)") describes what is and is not implemented.
 */
package io.punktfunk.host.gamestream.enet;
