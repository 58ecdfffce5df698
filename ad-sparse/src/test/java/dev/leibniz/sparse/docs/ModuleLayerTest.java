package dev.leibniz.sparse.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three library modules as real named modules: ad-core, ad-forward and ad-sparse (their
 * compiled classes or jars) with EJML, ASM and Hipparchus as automatic modules are resolved into
 * a {@link ModuleLayer} of their own, with {@code dev.leibniz.sparse} as the root, as an
 * application on the module path would load them. The tests themselves run on the class path,
 * where module boundaries do not apply; this one checks the boundaries where they do.
 *
 * <p>In the layer, the sparse Jacobian of the 2-D Brusselator is computed through ad-sparse's
 * compressed sweeps, which use ad-core's internal {@code Sweeps} (a qualified export) and the
 * interpreter ad-core generates at run time as a hidden class of its own module. The oracle is
 * central finite differences of the hand-written Java right-hand side {@code Brusselator2D.rhs}.
 */
class ModuleLayerTest {

    private static final Pattern LEIBNIZ = Pattern.compile(
            ".*(ad-core|ad-forward|ad-sparse)([/\\\\]target[/\\\\]classes|-[^/\\\\]*(?<!-tests)\\.jar)$");
    private static final Pattern LIBRARIES = Pattern.compile(".*[/\\\\](ejml-|asm-|hipparchus-core-)[^/\\\\]*\\.jar$");

    @Test
    void sparseJacobianRunsInALayerAndInternalsStayQualified() throws Exception {
        ModuleLayer layer = layer();
        Module core = layer.findModule("dev.leibniz.core").orElseThrow();
        Module forward = layer.findModule("dev.leibniz.forward").orElseThrow();
        Module sparse = layer.findModule("dev.leibniz.sparse").orElseThrow();
        assertTrue(core.isExported("dev.leibniz.core"));
        assertFalse(core.isExported("dev.leibniz.core.internal"), "core.internal exported to everyone");
        assertTrue(core.isExported("dev.leibniz.core.internal", forward));
        assertTrue(core.isExported("dev.leibniz.core.internal", sparse));
        assertTrue(sparse.canRead(core), "sparse reads core through forward's requires transitive");

        ClassLoader loader = layer.findLoader("dev.leibniz.sparse");
        Class<?> brusselator = Class.forName("dev.leibniz.sparse.examples.Brusselator2D", true, loader);
        assertEquals(sparse, brusselator.getModule());
        int n = 4;
        int states = 2 * n * n;
        double alpha = (double) brusselator.getMethod("defaultAlpha", int.class).invoke(null, n);
        Object graph = brusselator.getMethod("graph", int.class).invoke(null, n);
        double[] x = (double[]) brusselator.getMethod("initialState", int.class).invoke(null, n);
        for (int i = 0; i < states; i++) {
            x[i] += 0.01 * Math.sin(i + 1.0);            // off the symmetric start, so entries differ
        }
        Class<?> graphClass = Class.forName("dev.leibniz.core.Graph", false, loader);
        Class<?> sparseJacobian = Class.forName("dev.leibniz.sparse.SparseJacobian", true, loader);
        Object prepared = sparseJacobian.getMethod("prepare", graphClass).invoke(null, graph);
        Object jacobian = sparseJacobian.getMethod("evaluate", double[].class).invoke(prepared, (Object) x);
        Method get = jacobian.getClass().getMethod("get", int.class, int.class);

        Method rhs = brusselator.getMethod("rhs", int.class, double.class, double[].class, double[].class);
        double h = 1e-6;
        for (int j = 0; j < states; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += h;
            minus[j] -= h;
            double[] fPlus = new double[states];
            double[] fMinus = new double[states];
            rhs.invoke(null, n, alpha, plus, fPlus);
            rhs.invoke(null, n, alpha, minus, fMinus);
            for (int i = 0; i < states; i++) {
                double central = (fPlus[i] - fMinus[i]) / (2 * h);
                double entry = (double) get.invoke(jacobian, i, j);
                assertEquals(central, entry, 1e-6 * Math.max(1.0, Math.abs(central)),
                        "dF_" + i + "/dx_" + j);
            }
        }
    }

    /** A layer over the Leibniz modules and their libraries found on the test class path. */
    private static ModuleLayer layer() {
        List<Path> paths = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (LEIBNIZ.matcher(entry).matches() || LIBRARIES.matcher(entry).matches()) {
                paths.add(Path.of(entry));
            }
        }
        ModuleFinder finder = ModuleFinder.of(paths.toArray(Path[]::new));
        Configuration cf = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("dev.leibniz.sparse"));
        return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }
}
