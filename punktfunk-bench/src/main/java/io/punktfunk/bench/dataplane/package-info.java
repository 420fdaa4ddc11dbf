/** Raw data-plane measurements: UDP transport throughput and syscalls per packet over loopback. */
package io.punktfunk.bench.dataplane;
