/**
 * The punktfunk/1 media datagram on the wire: the fixed little-endian header as a flyweight over
 * a {@code MemorySegment}, and the reusable batch of datagram buffers handed to transports.
 * Layout and rules: {@code docs/wire-format.md}.
 */
package io.punktfunk.core.wire;
