package io.punktfunk.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderProbeTest {

    @Test
    void probeCoversEveryCandidateAndAgreesWithOpen() {
        Map<String, String> probe = FfmpegVideoEncoder.probeAll();
        System.out.println("encoder probe: " + probe);
        for (VideoCodec codec : VideoCodec.values()) {
            assertThat(probe).containsKeys(codec.encoders().toArray(String[]::new));
        }
        // The GPL build this module depends on always carries libx264 (java-stack.md).
        assertThat(probe).containsEntry("libx264", "ok");
        try (VideoEncoder auto = FfmpegVideoEncoder.open(VideoEncoderConfig.h264(640, 360, 30, 2_000_000))) {
            String firstOk = VideoCodec.H264.encoders().stream().filter(n -> probe.get(n).equals("ok")).findFirst()
                    .orElseThrow();
            assertThat(auto.encoderName()).as("automatic choice = first candidate that opens").isEqualTo(firstOk);
        }
    }
}
