package io.punktfunk.host.daemon;

import io.punktfunk.host.settings.Setting;
import java.util.List;

/**
 * What a change of settings did: which settings changed and took effect at once or for new sessions,
 * and which wait for a restart ({@link Host#pendingRestart()} keeps them until then).
 */
public record SettingsChange(List<Setting<?>> applied, List<Setting<?>> needRestart) {
    public boolean isEmpty() {
        return applied.isEmpty() && needRestart.isEmpty();
    }
}
