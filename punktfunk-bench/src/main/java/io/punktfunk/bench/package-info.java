/** Benchmarks and measurement tools: JMH micro-benchmarks and end-to-end harnesses. */
package io.punktfunk.bench;
