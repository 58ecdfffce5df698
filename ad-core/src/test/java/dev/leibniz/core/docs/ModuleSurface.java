package dev.leibniz.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The oracle for a library module's public surface: the compiled {@code module-info.class} next to
 * a class of the module, read with {@link ModuleDescriptor#read(InputStream, java.util.function.Supplier)},
 * against the row for that module in the "Module surface" table of {@code docs/architecture.md}.
 *
 * <p>The table has four columns: the module, the packages it exports to everyone, the packages it
 * exports only to named Leibniz modules ({@code `pkg` to `m1`, `m2`}, several separated by
 * {@code ;}), and the packages it does not export at all. Whatever the descriptor says must be
 * exactly what the row says, so the page and the build cannot drift apart. Two rules hold for
 * every module whatever the page says: no package with {@code internal} in its name is exported
 * to everyone, and a qualified export names only Leibniz modules.
 *
 * <p>Tests run on the class path (surefire's {@code useModulePath} is off), so the descriptor is
 * read as a file, from the module's {@code target/classes} or its jar; its package set is found
 * by listing the class files, because javac does not write the {@code ModulePackages} attribute.
 */
public final class ModuleSurface {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ModuleSurface() {
    }

    /** The exports of one module, as the descriptor or the page states them. */
    public record Surface(Set<String> exported, Map<String, Set<String>> qualified, Set<String> hidden) {
    }

    /**
     * Asserts that the module holding {@code anchor} has a descriptor named {@code moduleName}
     * whose exports are those of its row in docs/architecture.md.
     */
    public static void assertMatchesPage(Class<?> anchor, String moduleName) {
        ModuleDescriptor d = descriptor(anchor);
        assertEquals(moduleName, d.name(), "module-info.class next to " + anchor.getName());
        Surface actual = surface(d);
        for (String p : actual.exported()) {
            assertFalse(p.contains("internal"), moduleName + " exports " + p + " to everyone");
        }
        actual.qualified().forEach((p, targets) -> {
            for (String t : targets) {
                assertTrue(t.startsWith("dev.leibniz."), moduleName + " exports " + p + " to " + t
                        + ", which is not a Leibniz module");
            }
        });
        Surface page = pageRow(Path.of("..", "docs", "architecture.md"), moduleName);
        assertEquals(page.exported(), actual.exported(),
                moduleName + ": packages exported to everyone (docs/architecture.md, \"Module surface\")");
        assertEquals(page.qualified(), actual.qualified(),
                moduleName + ": qualified exports (docs/architecture.md, \"Module surface\")");
        assertEquals(page.hidden(), actual.hidden(),
                moduleName + ": packages not exported (docs/architecture.md, \"Module surface\")");
    }

    /** The exports and hidden packages of a descriptor. */
    public static Surface surface(ModuleDescriptor d) {
        Set<String> exported = new TreeSet<>();
        Map<String, Set<String>> qualified = new TreeMap<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.isQualified()) {
                qualified.put(e.source(), new TreeSet<>(e.targets()));
            } else {
                exported.add(e.source());
            }
        }
        Set<String> hidden = new TreeSet<>(d.packages());
        hidden.removeAll(exported);
        hidden.removeAll(qualified.keySet());
        return new Surface(exported, qualified, hidden);
    }

    /** The compiled descriptor of the module (directory or jar) that {@code anchor} was loaded from. */
    public static ModuleDescriptor descriptor(Class<?> anchor) {
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                Path info = root.resolve("module-info.class");
                assertTrue(Files.isRegularFile(info), "no module-info.class in " + root);
                Set<String> packages = packagesOfDirectory(root);
                try (InputStream in = Files.newInputStream(info)) {
                    return ModuleDescriptor.read(in, () -> packages);
                }
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                Set<String> packages = new TreeSet<>();
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
                        .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
                var entry = jar.getEntry("module-info.class");
                assertNotNull(entry, "no module-info.class in " + root);
                try (InputStream in = jar.getInputStream(entry)) {
                    return ModuleDescriptor.read(in, () -> packages);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> packagesOfDirectory(Path root) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getParent().equals(root))
                    .forEach(f -> packages.add(root.relativize(f.getParent()).toString()
                            .replace(root.getFileSystem().getSeparator(), ".")));
        }
        return packages;
    }

    /**
     * The row of the "Module surface" table whose first cell names {@code moduleName}: the code
     * spans of each cell, "—" for none.
     */
    public static Surface pageRow(Path page, String moduleName) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 6 || !codes(cells[1]).equals(List.of(moduleName))) {
                continue;
            }
            Map<String, Set<String>> qualified = new TreeMap<>();
            for (String part : cells[3].split(";")) {
                List<String> c = codes(part);
                if (!c.isEmpty()) {
                    qualified.put(c.get(0), new TreeSet<>(c.subList(1, c.size())));
                }
            }
            return new Surface(new TreeSet<>(codes(cells[2])), qualified, new TreeSet<>(codes(cells[4])));
        }
        throw new AssertionError(page + " has no \"Module surface\" row for `" + moduleName + "`");
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return Collections.unmodifiableList(out);
    }
}
