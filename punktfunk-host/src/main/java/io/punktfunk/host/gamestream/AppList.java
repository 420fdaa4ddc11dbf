package io.punktfunk.host.gamestream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The apps Moonlight lists. Always "Desktop" (id 1, streams the desktop as it is); more from
 * {@code gamestream-apps.tsv} in the config dir, one {@code id<TAB>title<TAB>command} per line
 * ({@code #} comments), where the command is run with {@code sh -c} at launch.
 */
public record AppList(List<App> apps) {
    /** The file name in the config dir. */
    public static final String FILE = "gamestream-apps.tsv";
    /** The id of the always-present desktop entry. */
    public static final int DESKTOP_ID = 1;

    /** One app: {@code command} null for the desktop. */
    public record App(int id, String title, String command) {
    }

    public AppList {
        apps = List.copyOf(apps);
    }

    /** Just the desktop. */
    public static AppList desktopOnly() {
        return new AppList(List.of(new App(DESKTOP_ID, "Desktop", null)));
    }

    /** Desktop plus the entries of {@code dir/gamestream-apps.tsv}; a bad line is an error naming it. */
    public static AppList load(Path dir) throws IOException {
        List<App> list = new ArrayList<>(desktopOnly().apps());
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return desktopOnly();
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", 3);
            try {
                int id = Integer.parseInt(c[0].trim());
                if (c.length < 3 || id <= DESKTOP_ID || c[1].isBlank()) {
                    throw new IllegalArgumentException();
                }
                if (list.stream().anyMatch(a -> a.id() == id)) {
                    throw new IOException(dir.resolve(FILE) + ":" + n + ": id " + id + " is used twice");
                }
                list.add(new App(id, c[1].strip(), c[2].strip()));
            } catch (IllegalArgumentException e) {
                throw new IOException(dir.resolve(FILE) + ":" + n + ": expected id (2 or more) <TAB> title <TAB> command");
            }
        }
        return new AppList(list);
    }

    public Optional<App> find(int id) {
        return apps.stream().filter(a -> a.id() == id).findFirst();
    }
}
