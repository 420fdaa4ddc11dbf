/**
 * The loss harness: sweeps loss rate × burstiness × FEC percentage through real sessions over an
 * impaired loopback transport and reports frame delivery and FEC recoveries as a table and a chart.
 */
package io.punktfunk.bench.loss;
