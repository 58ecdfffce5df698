package dev.leibniz.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.models.data.DataFileException;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.spec.ModelFileException;
import dev.leibniz.models.spec.ModelParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read are explained in words, not by the exception's bare path. */
class IoMessagesTest {
    @TempDir
    Path dir;

    @Test
    void missingModelFileSaysWhereItLooked() {
        Path missing = dir.resolve("lotka.model");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelParser.parse(missing));
        assertEquals("cannot read the model file: no such file (looked for " + missing.toAbsolutePath().normalize() + ")",
                e.detail());
    }

    @Test
    void directoryGivenAsDataFile() {
        DataFileException e = assertThrows(DataFileException.class, () -> new DataReader().read(dir));
        assertEquals("cannot read the data file: it is a directory, not a file", e.detail());
    }

    @Test
    void binaryFileIsNotText() throws IOException {
        Path bin = dir.resolve("data.csv");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        DataFileException e = assertThrows(DataFileException.class, () -> new DataReader().read(bin));
        assertEquals("cannot read the data file: it is not a text file in UTF-8", e.detail());
    }

    @Test
    void describeNamesFileAndReason() {
        assertEquals("out/fit.csv: no such file or directory", IoMessages.describe(new NoSuchFileException("out/fit.csv")));
        assertEquals("/proc/x.csv: permission denied", IoMessages.describe(new AccessDeniedException("/proc/x.csv")));
        assertEquals("a.png: Read-only file system",
                IoMessages.describe(new FileSystemException("a.png", null, "Read-only file system")));
        assertEquals("disk full", IoMessages.describe(new IOException("disk full")));
    }
}
