package io.punktfunk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The units in packaging/systemd pass {@code systemd-analyze verify} (see {@link SystemdUnits}); the root
 * here holds an executable at /usr/bin/punktfunk because verify checks only that ExecStart can run.
 * {@link DebPackageTest} verifies the units again as the package installs them, next to the real launcher.
 */
class SystemdUnitsTest {
    @TempDir Path root;
    @TempDir Path scratch;
    private Path launcher;

    @BeforeEach
    void setUp() throws Exception {
        SystemdUnits.requireTools();
        SystemdUnits.addTargets(root);
        launcher = Files.createDirectories(root.resolve("usr/bin")).resolve("punktfunk");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path install(String source, String name) throws Exception {
        Path dir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        return Files.copy(Repo.packaging(source), dir.resolve(name));
    }

    @Test
    void systemUnitVerifies() throws Exception {
        install("systemd/system/punktfunk.service", "punktfunk.service");
        Command r = SystemdUnits.verifySystem(root, "punktfunk.service");
        assertThat(SystemdUnits.clean(r)).as(r.output()).isTrue();
    }

    @Test
    void userUnitVerifiesInUserAndSystemMode() throws Exception {
        Path unit = Repo.packaging("systemd/user/punktfunk.service");
        Command user = SystemdUnits.verifyUser(unit, launcher, scratch);
        assertThat(SystemdUnits.clean(user)).as(user.output()).isTrue();
        install("systemd/user/punktfunk.service", "punktfunk-user.service");
        Command system = SystemdUnits.verifySystem(root, "punktfunk-user.service");
        assertThat(SystemdUnits.clean(system)).as(system.output()).isTrue();
    }

    @Test
    void systemUnitRunsTheInstalledLauncherAsItsOwnUser() throws Exception {
        String unit = Files.readString(Repo.packaging("systemd/system/punktfunk.service"));
        assertThat(unit).contains("\nExecStart=/usr/bin/punktfunk host --config-dir /etc/punktfunk\n",
                "\nUser=punktfunk\n", "\nGroup=punktfunk\n", "\nReadWritePaths=/etc/punktfunk\n",
                "\nDeviceAllow=/dev/uinput rw\n");
        assertThat(unit).doesNotContain("PrivateDevices=yes", "MemoryDenyWriteExecute=yes");
    }

    @Test
    void aMisspeltKeyFailsTheCheck() throws Exception {
        Path unit = install("systemd/system/punktfunk.service", "broken.service");
        Files.writeString(unit, Files.readString(unit).replace("RestartSec=", "RestartSecs="));
        Command r = SystemdUnits.verifySystem(root, "broken.service");
        assertThat(SystemdUnits.clean(r)).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("RestartSecs");
    }

    @Test
    void aMissingLauncherFailsTheCheck() throws Exception {
        install("systemd/system/punktfunk.service", "punktfunk.service");
        Files.delete(launcher);
        Command r = SystemdUnits.verifySystem(root, "punktfunk.service");
        assertThat(SystemdUnits.clean(r)).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("/usr/bin/punktfunk");
    }
}
