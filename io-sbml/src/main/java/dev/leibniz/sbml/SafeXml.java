package dev.leibniz.sbml;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an XML file as text and refuses any document type declaration before a parser sees it.
 *
 * <p>Why: every XML attack on a reader of untrusted files needs a {@code <!DOCTYPE …>}: an external
 * entity or DTD reference (XXE) makes the parser open a local file or a URL, and nested internal
 * entities (the "billion laughs") expand exponentially. SBML never needs a DTD (it is defined by
 * an XML Schema), so refusing the declaration outright is both the simplest and the strongest
 * defence, and it does not depend on how a given StAX implementation configures entity
 * resolution. The text that is checked is the text handed to JSBML, so nothing can slip between
 * the check and the parse. The encoding is the one the byte-order mark or the XML declaration
 * names (UTF-8 by default), so a UTF-16 document cannot hide its declaration from the check.
 */
final class SafeXml {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private SafeXml() {
    }

    /** The file's text; refuses a missing file and any DTD or entity declaration. */
    static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SbmlException(file + ": no such file");
        } catch (IOException e) {
            throw new SbmlException(file + ": cannot read: " + e.getMessage());
        }
        String text = decode(bytes, file);
        String upper = text.toUpperCase(Locale.ROOT);
        for (String forbidden : new String[] {"<!DOCTYPE", "<!ENTITY"}) {
            int at = upper.indexOf(forbidden);
            if (at >= 0) {
                throw new SbmlException(file + ":" + lineOf(text, at) + ": the document declares a "
                        + (forbidden.equals("<!ENTITY") ? "entity" : "document type (DTD)")
                        + "; SBML needs none, and DTDs and entities are refused (they can read local files or expand"
                        + " without bound)");
            }
        }
        return text;
    }

    private static String decode(byte[] b, Path file) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        int skip = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        String head = new String(b, skip, Math.min(200, b.length - skip), StandardCharsets.ISO_8859_1);
        Matcher m = ENCODING.matcher(head);
        Charset cs = StandardCharsets.UTF_8;
        if (m.find()) {
            try {
                cs = Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new SbmlException(file + ":1: unknown encoding '" + m.group(1) + "'");
            }
        }
        return new String(b, skip, b.length - skip, cs);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
