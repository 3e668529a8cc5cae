package io.tillstream.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aNewDirectoryGetsAClusterIdentityThatTheNextOpenFinds() {
        Path dir = temp.resolve("data");
        DataDirectory first = DataDirectory.open(ClusterSpec.local(dir, 3));
        DataDirectory second = DataDirectory.open(ClusterSpec.local(dir, 3));

        assertThat(first.fresh()).isTrue();
        assertThat(second.fresh()).isFalse();
        assertThat(second.clusterId()).isEqualTo(first.clusterId()).hasSize(22);
    }

    @Test
    void aDirectoryHoldingSomethingElseIsRefusedAndLeftUntouched() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not kafka");

        assertThatThrownBy(() -> DataDirectory.open(ClusterSpec.local(dir, 1)))
            .isInstanceOf(DataDirectoryException.class)
            .hasMessageContaining("is not a Tillstream data directory")
            .hasMessageContaining("holiday.jpg");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(dir.resolve("holiday.jpg"));
        }
    }

    @Test
    void aDirectoryFormattedForAnotherNodeCountIsRefusedWithTheCountItHolds() {
        Path dir = temp.resolve("data");
        DataDirectory.open(ClusterSpec.local(dir, 1));

        assertThatThrownBy(() -> DataDirectory.open(ClusterSpec.local(dir, 3)))
            .isInstanceOf(DataDirectoryException.class)
            .hasMessageContaining("holds a 1-node cluster, not 3")
            .hasMessageContaining("--brokers 1");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "x");

        assertThatThrownBy(() -> DataDirectory.open(ClusterSpec.local(file, 1)))
            .isInstanceOf(DataDirectoryException.class)
            .hasMessageContaining("is a file, not a directory");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedWithItsPath() throws Exception {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        Path impossible = file.resolve("data");

        assertThatThrownBy(() -> DataDirectory.open(ClusterSpec.local(impossible, 1)))
            .isInstanceOf(DataDirectoryException.class)
            .hasMessageContaining("cannot create data directory " + impossible);
    }
}
