package dev.leibniz.models.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file could not be read or written, in words rather than exception names. Java's file
 * exceptions often carry only the path as their message ({@code NoSuchFileException:
 * lynx.csv}), which reads like a stray file name; a scientist wants "no such file" and where it
 * was looked for.
 */
public final class IoMessages {
    private IoMessages() {
    }

    /**
     * The reason {@code path} could not be read: {@code "no such file (looked for /abs/lynx.csv)"},
     * {@code "it is a directory, not a file"}, {@code "permission denied"}, {@code "it is not a text
     * file in UTF-8"}, or the system's own reason.
     */
    public static String why(Path path, IOException e) {
        if (path != null && Files.isDirectory(path)) {
            return "it is a directory, not a file";
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return "no such file (looked for " + (path != null ? path.toAbsolutePath().normalize() : ((FileSystemException) e).getFile()) + ")";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not a text file in UTF-8";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * What went wrong with a file when the path is known only from the exception:
     * {@code "out/fit.csv: no such file or directory"}, {@code "/proc/x.csv: permission denied"}.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String file = fs.getFile();
            if (e instanceof NoSuchFileException) {
                return file + ": no such file or directory";
            }
            if (e instanceof AccessDeniedException) {
                return file + ": permission denied";
            }
            if (e instanceof NotDirectoryException) {
                return file + ": not a directory";
            }
            if (e instanceof java.nio.file.FileAlreadyExistsException) {
                return file + ": a file of that name is in the way";
            }
            return file + ": " + (fs.getReason() != null ? fs.getReason() : "cannot be read or written");
        }
        if (e instanceof CharacterCodingException) {
            return "a file is not text in UTF-8";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
