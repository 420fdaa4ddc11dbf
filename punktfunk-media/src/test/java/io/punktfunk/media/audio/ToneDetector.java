package io.punktfunk.media.audio;

/** Finds the dominant frequency of a mono signal by scanning Goertzel filters over a range. */
final class ToneDetector {

    private ToneDetector() {
    }

    /** The frequency in [fromHz, toHz] (step {@code stepHz}) with the most energy. */
    static double dominantHz(double[] signal, double fromHz, double toHz, double stepHz) {
        double best = fromHz;
        double bestPower = -1;
        for (double f = fromHz; f <= toHz; f += stepHz) {
            double power = goertzel(signal, f);
            if (power > bestPower) {
                bestPower = power;
                best = f;
            }
        }
        return best;
    }

    static double goertzel(double[] signal, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / PcmFormat.SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        for (double x : signal) {
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    /** Left channel of interleaved frames, as doubles. */
    static double[] left(short[] interleaved, int samples) {
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = interleaved[2 * i];
        }
        return out;
    }
}
