package io.punktfunk.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.InputEvent;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The header is the contract: gcc compiles punktfunk_core.h into abi_dump, which prints every struct
 * size, field offset and constant; they must equal the layouts Java writes through (AbiLayouts) and
 * the wire's constants (InputEvent, VideoCodecs) and the status codes Java returns.
 */
class AbiLayoutTest {
    private static Map<String, Long> dump;
    private static String gamepadLine;

    @BeforeAll
    static void compileAndRunTheDump() throws Exception {
        NativeToolchain.requireGcc();
        var exe = NativeToolchain.compile("abi_dump", NativeToolchain.TESTS_C.resolve("abi_dump.c").toString());
        NativeToolchain.Result r = NativeToolchain.run(List.of(exe.toString()), List.of(), 30);
        assertThat(r.exit()).as(r.stderr()).isZero();
        dump = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] p = line.split(" ", 3);
            if (p[0].equals("gamepad_state")) {
                gamepadLine = line;
            } else {
                dump.put(p[0] + " " + p[1], Long.parseLong(p[2].strip()));
            }
        }
    }

    @Test
    void everyStructJavaWritesHasTheHeadersSizeAndOffsets() {
        List<String> mismatches = new ArrayList<>();
        for (StructLayout l : List.of(AbiLayouts.FRAME, AbiLayouts.AUDIO, AbiLayouts.RUMBLE, AbiLayouts.STATS)) {
            String name = l.name().orElseThrow();
            check(mismatches, "size " + name, l.byteSize());
            for (MemoryLayout m : l.memberLayouts()) {
                String field = m.name().orElseThrow();
                check(mismatches, "offset " + name + "." + field, AbiLayouts.offset(l, field));
            }
            long cFields = dump.keySet().stream().filter(k -> k.startsWith("offset " + name + ".")).count();
            if (cFields != l.memberLayouts().size()) {
                mismatches.add(name + ": C dumps " + cFields + " fields, Java has " + l.memberLayouts().size());
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(dump).containsEntry("size PunktfunkStats", 168L).containsEntry("size PunktfunkFrame", 80L);
    }

    private static void check(List<String> mismatches, String key, long java) {
        Long c = dump.get(key);
        if (c == null || c != java) {
            mismatches.add(key + ": C " + c + ", Java " + java);
        }
    }

    @Test
    void everyConstantOfTheHeaderHasTheJavaValue() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Long> e : dump.entrySet()) {
            if (!e.getKey().startsWith("const ")) {
                continue;
            }
            String c = e.getKey().substring("const PUNKTFUNK_".length());
            long java = javaValue(c);
            if (java != e.getValue()) {
                mismatches.add("PUNKTFUNK_" + c + ": C " + e.getValue() + ", Java " + java);
            }
            n++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(n).as("constants compared").isGreaterThan(80);
    }

    /** The Java constant a header name stands for: the wire's own names, with the header's prefixes. */
    private static long javaValue(String c) throws ReflectiveOperationException {
        if (c.equals("OK")) {
            return field(EmbedStatus.class, "OK");
        }
        if (c.startsWith("ERR_")) {
            return field(EmbedStatus.class, c.substring(4));
        }
        if (c.startsWith("CODEC_")) {
            return field(VideoCodecs.class, c.substring(6));
        }
        if (c.startsWith("PIXFMT_") || c.startsWith("AUDIO_")) {
            return field(EmbedOptions.class, c);
        }
        if (c.startsWith("INPUT_")) {
            String k = c.substring(6);
            return field(InputEvent.class, k.equals("TEXT") ? "TEXT_INPUT" : k);
        }
        if (c.startsWith("MOUSE_")) {
            return field(InputEvent.class, "BUTTON_" + c.substring(6));
        }
        if (c.startsWith("BTN_")) {
            return field(InputEvent.class, "PAD_" + c.substring(4));
        }
        return field(InputEvent.class, c); // MOD_*, SCROLL_*, WHEEL_DELTA, AXIS_*, MAX_PADS, ARRIVAL_*
    }

    private static long field(Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return ((Number) f.get(null)).longValue();
    }

    @Test
    void theHeadersGamepadStatePackerMatchesTheWire() {
        InputEvent e = InputEvent.gamepadState(3, 200, InputEvent.PAD_A, -1, 2, 32767, -32768, 10, 250);
        assertThat(gamepadLine).isEqualTo("gamepad_state %d %d %d %d %d".formatted(e.kind(), e.code(), e.x(), e.y(),
                Integer.toUnsignedLong(e.flags())));
    }
}
