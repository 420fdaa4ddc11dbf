package io.punktfunk.control.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VirtualKeysTest {

    @Test
    void positionsMapToUsVirtualKeys() {
        assertThat(VirtualKeys.fromEvdev(16)).as("KEY_Q").isEqualTo('Q');
        assertThat(VirtualKeys.fromEvdev(21)).as("KEY_Y (German Z)").isEqualTo('Y');
        assertThat(VirtualKeys.fromEvdev(11)).as("KEY_0").isEqualTo('0');
        assertThat(VirtualKeys.fromEvdev(39)).as("KEY_SEMICOLON (German Ö)").isEqualTo(VirtualKeys.VK_OEM_1);
        assertThat(VirtualKeys.fromEvdev(86)).as("KEY_102ND (ISO <>)").isEqualTo(VirtualKeys.VK_OEM_102);
        assertThat(VirtualKeys.fromEvdev(54)).isEqualTo(VirtualKeys.VK_RSHIFT);
        assertThat(VirtualKeys.fromEvdev(96)).as("keypad Enter").isEqualTo(VirtualKeys.VK_RETURN);
        assertThat(VirtualKeys.fromEvdev(88)).as("F12").isEqualTo(0x7B);
        assertThat(VirtualKeys.fromEvdev(194)).as("F24").isEqualTo(0x87);
        assertThat(VirtualKeys.fromEvdev(0)).isZero();
        assertThat(VirtualKeys.fromEvdev(300)).isZero();
    }

    @Test
    void everyMappedKeyComesBackToAKeyWithTheSameCode() {
        int mapped = 0;
        for (int evdev = 0; evdev < 256; evdev++) {
            int vk = VirtualKeys.fromEvdev(evdev);
            if (vk != 0) {
                mapped++;
                assertThat(VirtualKeys.fromEvdev(VirtualKeys.toEvdev(vk))).as("evdev %d -> vk 0x%x", evdev, vk).isEqualTo(vk);
            }
        }
        assertThat(mapped).isGreaterThan(100);
        assertThat(VirtualKeys.toEvdev(VirtualKeys.VK_RETURN)).as("Enter, not keypad Enter").isEqualTo(28);
        assertThat(VirtualKeys.toEvdev(VirtualKeys.VK_SHIFT)).as("generic Shift is the left one").isEqualTo(42);
        assertThat(VirtualKeys.toEvdev(0xFF)).isZero();
    }
}
