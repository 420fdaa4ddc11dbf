package io.punktfunk.host.gamestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.host.gamestream.client.http.NvHttpClient;
import io.punktfunk.testkit.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured app list: listed to Moonlight, its command started at /launch and stopped at /cancel. */
class AppLaunchTest {
    @TempDir
    Path dir;

    @Test
    void aConfiguredAppIsListedStartedAndStopped() throws Exception {
        Environment.require(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to run app commands");
        Path pidFile = dir.resolve("app.pid");
        Files.writeString(dir.resolve(AppList.FILE), "# id\ttitle\tcommand\n2\tSleeper\techo $$ > " + pidFile + "; exec sleep 60\n");
        try (GameStreamTestHost t = new GameStreamTestHost(dir)) {
            NvHttpClient c = t.pairedClient();
            NvHttpClient.Reply apps = c.https("/applist", NvHttpClient.args());
            assertThat(apps.root().getElementsByTagName("App").getLength()).isEqualTo(2);
            assertThat(apps.text()).contains("<AppTitle>Sleeper</AppTitle><ID>2</ID>");

            var args = NvHttpPairingTest.launchArgs(true);
            args.put("appid", "2");
            assertThat(c.https("/launch", args).statusCode()).isEqualTo(200);
            long pid = awaitPid(pidFile);
            Optional<ProcessHandle> app = ProcessHandle.of(pid);
            assertThat(app).isPresent();
            assertThat(c.https("/serverinfo", NvHttpClient.args()).get("currentgame")).isEqualTo("2");

            assertThat(c.https("/cancel", NvHttpClient.args()).get("cancel")).isEqualTo("1");
            app.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(app.get().isAlive()).isFalse();

            args.put("appid", "9");
            assertThat(c.https("/launch", args).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBadAppLineIsNamed() throws Exception {
        Files.writeString(dir.resolve(AppList.FILE), "1\tClash\tsh\n");
        assertThatThrownBy(() -> AppList.load(dir)).hasMessageContaining(AppList.FILE + ":1");
        Files.writeString(dir.resolve(AppList.FILE), "x\ty\n");
        assertThatThrownBy(() -> AppList.load(dir)).hasMessageContaining("expected id");
    }

    private static long awaitPid(Path f) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (Files.exists(f) && !Files.readString(f).isBlank()) {
                return Long.parseLong(Files.readString(f).strip());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the app never wrote its pid");
    }
}
