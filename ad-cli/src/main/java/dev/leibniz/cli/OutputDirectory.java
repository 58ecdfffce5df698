package dev.leibniz.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory whose files appear complete or not at all. Everything is written into a
 * temporary directory beside the target; only when all files are written are they moved into
 * place: a new directory by one rename, into an existing directory file by file, each file by
 * one rename replacing the old one (an existing directory may hold the user's other files, so
 * it is never replaced or deleted as a whole). An error or a signal while writing leaves the
 * previous files, or none, never a truncated plot or report.
 */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /** What fills the directory. */
    interface Filler {
        void fill(Path dir) throws IOException;
    }

    /** Fills a temporary directory with {@code filler} and moves it to {@code target}. */
    static void write(Path target, Filler filler) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new java.nio.file.FileAlreadyExistsException(abs.toString(), null, "it is a file, not a directory");
        }
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".writing-");
        try {
            filler.fill(tmp);
            if (!Files.exists(abs)) {
                AtomicFiles.move(tmp, abs);
                return;
            }
            try (var files = Files.list(tmp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = abs.resolve(f.getFileName().toString());
                    if (Files.isDirectory(f) || Files.isDirectory(to)) {
                        throw new IOException("cannot replace " + to + ": a directory is in the way");
                    }
                    AtomicFiles.move(f, to);
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
