package io.punktfunk.media.audio;

import static org.assertj.core.api.Assertions.assertThatCode;

import javax.sound.sampled.AudioSystem;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class JavaSoundAudioPlayerTest {

    @Test
    void playsOrDropsQuietlyWhetherOrNotADeviceExists() {
        boolean mixerHasOutput = AudioSystem.getSourceLineInfo(
                new javax.sound.sampled.Line.Info(javax.sound.sampled.SourceDataLine.class)).length > 0;
        try (JavaSoundAudioPlayer player = JavaSoundAudioPlayer.open(4);
             ToneSource tone = new ToneSource(440, 0.1, false)) {
            if (!mixerHasOutput) {
                Assertions.assertThat(player.hasDevice()).as("no output line on this machine").isFalse();
            }
            short[] frame = PcmFormat.newFrame();
            assertThatCode(() -> {
                for (int i = 0; i < 5; i++) {
                    tone.read(frame);
                    player.play(frame);
                }
            }).doesNotThrowAnyException();
        }
    }
}
