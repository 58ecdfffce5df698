package dev.leibniz.core.docs;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Leibniz's library modules as an application on the module path would load them: the named
 * modules (the {@code target/classes} directories or jars of the given Maven modules) and the
 * given libraries, found on the test class path, resolved into a {@link ModuleLayer} of their own.
 * Tests run on the class path, where module boundaries do not apply; a layer is where they do.
 */
public final class ModuleLayers {

    private ModuleLayers() {
    }

    /**
     * A layer with {@code root} resolved from the class-path entries of the Maven modules
     * {@code artifacts} (their classes or main jar, never their test jar) and of the jars whose
     * names start with one of {@code libraryPrefixes}.
     */
    public static ModuleLayer of(String root, List<String> artifacts, List<String> libraryPrefixes) {
        String sep = "[/\\\\]";
        Pattern leibniz = Pattern.compile(".*(" + String.join("|", artifacts) + ")(" + sep + "target" + sep
                + "classes|-[^/\\\\]*(?<!-tests)\\.jar)$");
        Pattern libraries = Pattern.compile(".*" + sep + "(" + String.join("|", libraryPrefixes.stream()
                .map(Pattern::quote).toList()) + ")[^/\\\\]*\\.jar$");
        List<Path> paths = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (leibniz.matcher(entry).matches() || libraries.matcher(entry).matches()) {
                paths.add(Path.of(entry));
            }
        }
        ModuleFinder finder = ModuleFinder.of(paths.toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(root));
        return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }
}
