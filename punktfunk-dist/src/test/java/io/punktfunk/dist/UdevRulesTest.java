package io.punktfunk.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.punktfunk.testkit.Environment;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * packaging/udev: the punktfunk group gets /dev/uinput (also its static node, before the module loads).
 * Checked by {@code udevadm verify} where udevadm has it (systemd ≥ 254) and always by {@link UdevRules}.
 */
class UdevRulesTest {
    private static final String FILE = "udev/70-punktfunk-uinput.rules";

    @Test
    void uinputRuleGivesThePunktfunkGroupReadWrite() throws Exception {
        List<UdevRules.Rule> rules = UdevRules.parse(Files.readString(Repo.packaging(FILE)));
        assertThat(rules).hasSize(1);
        UdevRules.Rule r = rules.getFirst();
        assertThat(r.value("KERNEL")).isEqualTo("uinput");
        assertThat(r.value("SUBSYSTEM")).isEqualTo("misc");
        assertThat(r.value("GROUP")).isEqualTo("punktfunk");
        assertThat(r.value("MODE")).isEqualTo("0660");
        assertThat(r.value("OPTIONS")).isEqualTo("static_node=uinput");
    }

    @Test
    void udevadmVerifiesTheRulesWhereItCan() throws Exception {
        UdevRules.parse(Files.readString(Repo.packaging(FILE))); // always: the strict reader
        boolean verify = Environment.onPath("udevadm")
                && Command.run(List.of("udevadm", "--help"), 60).stdout().contains("verify");
        if (verify) { // systemd >= 254
            Command r = Command.run(List.of("udevadm", "verify", "--resolve-names=never", Repo.packaging(FILE).toString()), 60);
            assertThat(r.exitCode()).as(r.output()).isZero();
        } else {
            System.err.println("[udev] no udevadm verify here (systemd < 254): checked by UdevRules only");
        }
    }

    @Test
    void modulesLoadFileLoadsUinput() throws Exception {
        List<String> lines = Files.readAllLines(Repo.packaging("modules-load/punktfunk.conf")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines).containsExactly("uinput");
    }

    @Test
    void checkerRejectsWhatUdevWouldNotDo() {
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput\", GRUOP=\"punktfunk\"\n"))
                .hasMessageContaining("line 1").hasMessageContaining("GRUOP");
        assertThatThrownBy(() -> UdevRules.parse("# c\nKERNEL=\"uinput\", GROUP=\"punktfunk\"\n"))
                .hasMessageContaining("line 2").hasMessageContaining("match key");
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput\", MODE=\"rw-rw----\"\n"))
                .hasMessageContaining("octal");
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput\", GROUP==\"punktfunk\"\n"))
                .hasMessageContaining("GROUP");
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput\"\n")).hasMessageContaining("assignment");
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput, GROUP=\"punktfunk\"\n"))
                .hasMessageContaining("quote");
        assertThatThrownBy(() -> UdevRules.parse("KERNEL==\"uinput\", OPTIONS+=\"static_node=uinput,watch\"\n"))
                .hasMessageContaining("watch");
        assertThat(UdevRules.parse("KERNEL==\"uinput\", \\\n  GROUP=\"punktfunk\"\n")).hasSize(1);
    }
}
