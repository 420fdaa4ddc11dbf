package io.punktfunk.cli.bench;

/** Rounding of benchmark figures for JSON and tables; NaN (a figure not measured) stays NaN. */
final class Decimals {
    private Decimals() {
    }

    /** {@code v} rounded to {@code digits} decimal places. */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Double.isNaN(v) ? v : Math.round(v * f) / f;
    }
}
