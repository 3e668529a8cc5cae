package io.tillstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Files holding secrets (users, passwords, client settings): made readable by their owner only. */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    /** Writes {@code lines} to {@code file}; a missing file is made owner-only, an existing one keeps its permissions. */
    public static void write(Path file, List<String> lines) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // kept as it is, with the permissions its owner gave it
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
