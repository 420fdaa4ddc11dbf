package io.punktfunk.media.ffmpeg;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system shared libraries that the bundled FFmpeg natives link against but do not carry, each
 * with the Debian package that provides it. Checked by name with the dynamic loader before a
 * bytedeco class is touched, so a missing one is reported in one line naming the package instead
 * of an {@link UnsatisfiedLinkError} from deep inside a JNI library.
 */
public final class SystemLibraries {

    /** libavutil (and so every codec) needs these. */
    public static final Map<String, String> CODECS = Map.of("libudev.so.1", "libudev1");

    /**
     * libavdevice links all of these at load time, whichever device is used: x11grab needs the
     * XCB ones, pulse the PulseAudio one, and neither loads without the others.
     */
    public static final Map<String, String> DEVICES = orderedMap(
            "libxcb.so.1", "libxcb1",
            "libxcb-shm.so.0", "libxcb-shm0",
            "libasound.so.2", "libasound2",
            "libpulse.so.0", "libpulse0");

    private SystemLibraries() {
    }

    /** The libraries of {@code required} the dynamic loader cannot find, in order. */
    public static List<String> missing(Map<String, String> required) {
        List<String> missing = new ArrayList<>();
        for (String library : required.keySet()) {
            if (!loadable(library)) {
                missing.add(library);
            }
        }
        return missing;
    }

    /**
     * Throws an {@link FfmpegException} naming {@code feature}, the missing libraries and the
     * {@code apt-get install} line that provides them, when any of {@code required} is missing.
     */
    public static void require(String feature, Map<String, String> required) {
        List<String> missing = missing(required);
        if (!missing.isEmpty()) {
            throw new FfmpegException(message(feature, missing, required), 0);
        }
    }

    /** One line: what needs what, and the command that installs it. */
    static String message(String feature, List<String> missing, Map<String, String> required) {
        Set<String> packages = new LinkedHashSet<>();
        missing.forEach(library -> packages.add(required.get(library)));
        return feature + " needs " + String.join(", ", missing) + ": apt-get install " + String.join(" ", packages);
    }

    /** True when the dynamic loader finds {@code library} by its soname (dlopen, then closed). */
    static boolean loadable(String library) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(library, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
