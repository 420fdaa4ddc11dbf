package io.punktfunk.cli.control;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 120}, {@code 120s}, {@code 2m}, {@code 1h} or {@code 500ms} (a bare number is seconds). */
public final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
            String n = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
            long amount = Long.parseLong(n);
            Duration d = switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(amount);
                }
            };
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("a duration must be positive: '" + value + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a duration: '" + value + "' (use e.g. 120s, 2m, 1h)");
        }
    }
}
