package io.punktfunk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.testkit.Environment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the .deb with packaging/deb/build-deb.sh from the packaged CLI and its libraries (copied into
 * target/cli-lib by this module's pom), then runs the installed copy: unpacked with dpkg-deb -x, and
 * installed by dpkg into a throwaway root (--root with --force-script-chrootless: the maintainer scripts
 * run against that root through DPKG_ROOT and reload nothing), never into this machine's /.
 */
class DebPackageTest {
    @TempDir static Path work;
    static Path deb;
    static String version;

    @BeforeAll
    static void build() throws Exception {
        Environment.require(Environment.onPath("dpkg-deb"), "dpkg-deb is not installed (Debian package dpkg)");
        Path jdk = Path.of(System.getProperty("java.home"));
        Environment.require(Files.isExecutable(jdk.resolve("bin/jlink")), "this JVM (" + jdk + ") has no jlink: a full JDK 25 is needed");
        String lib = System.getProperty("punktfunk.dist.lib");
        version = System.getProperty("punktfunk.dist.version");
        assertThat(lib).as("punktfunk.dist.lib (set by the pom; run through ./mvnw package/verify)").isNotNull();
        Command r = Command.run(List.of(Repo.packaging("deb/build-deb.sh").toString(), "--jdk", jdk.toString(),
                "--version", version, "--out", work.toString(), "--fast", lib), 900);
        assertThat(r.exitCode()).as(r.output()).isZero();
        deb = Path.of(r.stdout().strip());
        assertThat(deb).exists().hasFileName("punktfunk_" + version.replace("-SNAPSHOT", "~snapshot") + "_amd64.deb");
    }

    private static Path unpacked() throws Exception {
        Path root = work.resolve("unpacked");
        if (!Files.isDirectory(root)) {
            Command r = Command.run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), 300);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        return root;
    }

    /** Runs the unpacked launcher from a directory outside the source tree, without JAVA_HOME or Maven. */
    private static Command punktfunk(long timeoutSeconds, String... args) throws Exception {
        Path cwd = Files.createDirectories(work.resolve("cwd"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", "/nonexistent");
        env.put("PUNKTFUNK_JAVA_HOME", "/nonexistent");
        env.put("PATH", "/usr/bin:/bin");
        env.put("PUNKTFUNK_CONFIG_DIR", Files.createDirectories(work.resolve("config")).toString());
        List<String> cmd = new java.util.ArrayList<>(List.of(unpacked().resolve("opt/punktfunk/bin/punktfunk").toString()));
        cmd.addAll(List.of(args));
        return Command.run(cwd, env, cmd, timeoutSeconds);
    }

    @Test
    void packageHoldsRuntimeLauncherUnitsRulesAndSysctl() throws Exception {
        Command info = Command.run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture", "Depends"), 60);
        assertThat(info.stdout()).contains("Package: punktfunk", "Version: " + version.replace("-SNAPSHOT", "~snapshot"),
                "Architecture: amd64", "Depends: libc6, passwd");
        Command list = Command.run(List.of("dpkg-deb", "--contents", deb.toString()), 120);
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.stdout()).contains("./usr/bin/punktfunk -> /opt/punktfunk/bin/punktfunk",
                "./opt/punktfunk/bin/punktfunk", "./opt/punktfunk/runtime/bin/java", "./opt/punktfunk/lib/punktfunk-cli-",
                "./usr/lib/systemd/system/punktfunk.service", "./usr/lib/systemd/user/punktfunk.service",
                "./usr/lib/udev/rules.d/70-punktfunk-uinput.rules", "./usr/lib/modules-load.d/punktfunk.conf",
                "./usr/lib/sysctl.d/99-punktfunk.conf", "./usr/share/punktfunk/sessions/kde-plasma-session.sh",
                "./usr/share/punktfunk/sessions/gamescope-session.sh", "./usr/share/doc/punktfunk/packaging.md");
        assertThat(list.stdout().lines().filter(l -> !l.contains(" root/root "))).as("files owned by root").isEmpty();
        Path root = unpacked();
        for (String[] f : new String[][] {
                {"systemd/system/punktfunk.service", "usr/lib/systemd/system/punktfunk.service"},
                {"systemd/user/punktfunk.service", "usr/lib/systemd/user/punktfunk.service"},
                {"udev/70-punktfunk-uinput.rules", "usr/lib/udev/rules.d/70-punktfunk-uinput.rules"},
                {"modules-load/punktfunk.conf", "usr/lib/modules-load.d/punktfunk.conf"},
                {"sysctl/99-punktfunk.conf", "usr/lib/sysctl.d/99-punktfunk.conf"}}) {
            assertThat(root.resolve(f[1])).as(f[1]).hasSameBinaryContentAs(Repo.packaging(f[0]));
        }
    }

    @Test
    void runtimeHoldsOnlyWhatTheJarsNeed() throws Exception {
        Path java = unpacked().resolve("opt/punktfunk/runtime/bin/java");
        Command r = Command.run(List.of(java.toString(), "--list-modules"), 120);
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> modules = r.stdout().lines().map(l -> l.split("@")[0]).toList();
        assertThat(modules).contains("java.base", "java.desktop", "jdk.incubator.vector", "jdk.unsupported")
                .doesNotContain("jdk.compiler", "jdk.jshell", "java.xml.crypto", "jdk.jpackage");
        assertThat(unpacked().resolve("opt/punktfunk/lib")).isDirectoryContaining(p -> p.getFileName().toString()
                .matches("ffmpeg-.*-linux-x86_64.*\\.jar"));
    }

    @Test
    void installedLauncherPrintsItsVersion() throws Exception {
        Command r = punktfunk(180, "--version");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("punktfunk " + version, "Java 25");
    }

    @Test
    void installedLauncherStreamsAHeadlessDemo() throws Exception {
        Command r = punktfunk(600, "demo", "--headless", "--seconds", "3");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Matcher frames = Pattern.compile("frames: (\\d+) sent, (\\d+) received, (\\d+) shown").matcher(r.stdout());
        assertThat(frames.find()).as(r.output()).isTrue();
        assertThat(Integer.parseInt(frames.group(1))).as(r.output()).isPositive();
        assertThat(Integer.parseInt(frames.group(3))).as(r.output()).isPositive();
        assertThat(r.stdout()).contains("1280x720@60 h264", "audio: ");
    }

    @Test
    void dpkgInstallsIntoAThrowawayRootAndPurgesIt() throws Exception {
        Environment.require(Environment.onPath("dpkg"), "dpkg is not installed");
        Environment.require(Environment.isRoot(), "dpkg --root with maintainer scripts needs root (CI runs as root)");
        Environment.require(Environment.onPath("useradd"), "useradd is not installed (Debian package passwd)");
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        Path root = Files.createDirectories(work.resolve("root"));
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String d : List.of("info", "updates", "triggers")) {
            Files.createDirectories(admin.resolve(d));
        }
        Files.writeString(admin.resolve("status"), "");
        Files.writeString(admin.resolve("available"), "");
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(etc.resolve("gshadow"), "root:*::\n");

        // --force-depends: the throwaway root has no libc6 or passwd package in its database.
        Command install = Command.run(List.of("dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends",
                "--install", deb.toString()), 600);
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(install.stdout()).contains("Setting up punktfunk");

        String user = Files.readAllLines(etc.resolve("passwd")).stream().filter(l -> l.startsWith("punktfunk:")).findFirst().orElseThrow();
        assertThat(user).matches("punktfunk:x:\\d+:\\d+:punktfunk streaming host:/var/lib/punktfunk:/usr/sbin/nologin");
        int uid = Integer.parseInt(user.split(":")[2]);
        assertThat(uid).isLessThan(1000); // a system user
        String group = Files.readAllLines(etc.resolve("group")).stream().filter(l -> l.startsWith("punktfunk:")).findFirst().orElseThrow();
        int gid = Integer.parseInt(group.split(":")[2]);
        for (String d : List.of("etc/punktfunk", "var/lib/punktfunk")) {
            Path p = root.resolve(d);
            assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(d).isEqualTo(uid);
            assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(d).isEqualTo(gid);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(d).isEqualTo("rwxr-x---");
        }
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/punktfunk"))).isEqualTo(Path.of("/opt/punktfunk/bin/punktfunk"));
        assertThat(Files.readString(Path.of("/etc/passwd"))).as("this machine's users are untouched").isEqualTo(hostPasswd);

        // The units as installed, with the real launcher behind /usr/bin/punktfunk.
        if (Environment.onPath("systemd-analyze")) {
            SystemdUnits.addTargets(root);
            Command unit = SystemdUnits.verifySystem(root, "punktfunk.service");
            assertThat(SystemdUnits.clean(unit)).as(unit.output()).isTrue();
            Command userUnit = SystemdUnits.verifyUser(root.resolve("usr/lib/systemd/user/punktfunk.service"),
                    root.resolve("opt/punktfunk/bin/punktfunk"), Files.createDirectories(work.resolve("verify")));
            assertThat(SystemdUnits.clean(userUnit)).as(userUnit.output()).isTrue();
        }

        Command purge = Command.run(List.of("dpkg", "--root=" + root, "--force-script-chrootless", "--purge", "punktfunk"), 600);
        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(root.resolve("opt/punktfunk")).doesNotExist();
        assertThat(root.resolve("usr/bin/punktfunk")).doesNotExist();
        assertThat(root.resolve("usr/lib/udev/rules.d/70-punktfunk-uinput.rules")).doesNotExist();
        assertThat(root.resolve("etc/punktfunk")).doesNotExist();
        assertThat(root.resolve("var/lib/punktfunk")).doesNotExist();
    }
}
