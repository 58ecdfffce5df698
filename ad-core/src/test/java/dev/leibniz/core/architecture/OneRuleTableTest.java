package dev.leibniz.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The design rule that keeps the code base small, checked on the sources of every module: a
 * primitive's mathematics is written once, in its declaration under {@code core/prim}, and no
 * other code singles out a primitive of the rule families to evaluate or differentiate it
 * ({@code p == Elementary.TANH}, {@code p != Kinks.RELU}, …). Back ends read the declaration
 * through its methods and derived tables instead. Identity tests against the graph's structural
 * leaves ({@code Leaves.INPUT}, {@code Leaves.CONSTANT}, {@code TensorConstant.MATRIX}) are not
 * rules and are allowed; so is the benchmark report, which counts nodes by kind to explain a
 * figure and runs no rule.
 */
class OneRuleTableTest {
    private static final Pattern IDENTITY = Pattern.compile(
            "[=!]=\\s*(Arithmetic|Elementary|Kinks|Comparisons|Reductions|Softmax|Shaping|LinearAlgebra|Special|Trigonometric|Hyperbolic)"
                    + "\\.[A-Z_0-9]+");

    @Test
    void noCodeOutsideTheDeclarationsSinglesOutAPrimitive() throws IOException {
        List<String> offences = new ArrayList<>();
        int files = 0;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main) || module.getFileName().toString().equals("benchmarks")) {
                    continue;
                }
                try (Stream<Path> sources = Files.walk(main)) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        files++;
                        if (source.toString().replace('\\', '/').contains("/dev/leibniz/core/prim/")) {
                            continue;
                        }
                        List<String> lines = Files.readAllLines(source);
                        for (int i = 0; i < lines.size(); i++) {
                            Matcher m = IDENTITY.matcher(lines.get(i));
                            if (m.find()) {
                                offences.add(source + ":" + (i + 1) + ": " + lines.get(i).trim());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(files > 100, "the sources of the modules were found (" + files + " files)");
        assertEquals(List.of(), offences, "code outside core/prim that singles out a primitive");
    }
}
