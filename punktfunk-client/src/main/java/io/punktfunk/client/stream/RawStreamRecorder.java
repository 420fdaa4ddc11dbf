package io.punktfunk.client.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes received access units one after another as a raw elementary stream ({@code .h264}): the
 * encoder repeats parameter sets in-band, so the file plays from any IDR. Decode thread only.
 */
final class RawStreamRecorder implements AutoCloseable {
    private final OutputStream out;
    private long bytes;

    RawStreamRecorder(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
    }

    void write(byte[] data, int offset, int length) {
        try {
            out.write(data, offset, length);
            bytes += length;
        } catch (IOException e) {
            throw new UncheckedIOException("recording failed", e);
        }
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the recording failed", e);
        }
    }
}
