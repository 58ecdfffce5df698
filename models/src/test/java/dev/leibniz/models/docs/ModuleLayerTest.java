package dev.leibniz.models.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.docs.ModuleLayers;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library modules up to models as named modules in a {@link ModuleLayer} of their own (EJML
 * and Hipparchus as automatic modules; ASM, Commons CSV and the Commons IO and Codec it requires
 * as named ones), with {@code dev.leibniz.models} as the root: internals stay unexported, the
 * ODE solver runs there, and models' {@code uses} clause lets it look for batch engines.
 */
class ModuleLayerTest {

    private static final double[] THETA = {0.5, 0.025, 0.8, 0.025, 30, 4};

    private static ModuleLayer layer() {
        return ModuleLayers.of("dev.leibniz.models", List.of("ad-core", "ad-forward", "ad-sparse", "ad-ode", "models"),
                List.of("ejml-", "asm-", "hipparchus-core-", "hipparchus-optim-", "commons-csv-", "commons-io-",
                        "commons-codec-"));
    }

    @Test
    void internalsAreNotExported() {
        ModuleLayer layer = layer();
        Module ode = layer.findModule("dev.leibniz.ode").orElseThrow();
        Module models = layer.findModule("dev.leibniz.models").orElseThrow();
        assertFalse(ode.isExported("dev.leibniz.ode.internal"));
        assertFalse(ode.isExported("dev.leibniz.ode.internal", models));
        assertFalse(models.isExported("dev.leibniz.models.internal"));
        assertTrue(models.isExported("dev.leibniz.models.calibration"));
        Module core = layer.findModule("dev.leibniz.core").orElseThrow();
        assertTrue(core.isExported("dev.leibniz.core.internal", models));
        assertTrue(core.isExported("dev.leibniz.core.internal", ode));
    }

    /**
     * Lotka–Volterra solved in the layer conserves V = δ·hare − γ ln hare + β·lynx − α ln lynx
     * (the closed-form first integral, {@code LotkaVolterra.invariant}) along the solution.
     */
    @Test
    void lotkaVolterraSolvedInTheLayerConservesItsInvariant() throws Exception {
        ClassLoader loader = layer().findLoader("dev.leibniz.models");
        Class<?> lv = Class.forName("dev.leibniz.models.examples.LotkaVolterra", true, loader);
        assertEquals("dev.leibniz.models", lv.getModule().getName());
        Class<?> odeModel = Class.forName("dev.leibniz.models.OdeModel", false, loader);
        Class<?> simulator = Class.forName("dev.leibniz.models.calibration.OdeSimulator", true, loader);
        Object model = lv.getConstructor().newInstance();
        Object sim = simulator.getConstructor(odeModel).newInstance(model);
        double[] times = new double[21];
        for (int k = 0; k < times.length; k++) {
            times[k] = k / 20.0;
        }
        Object solution = simulator.getMethod("solve", double[].class, double[].class).invoke(sim, THETA, times);
        int size = (int) solution.getClass().getMethod("size").invoke(solution);
        assertEquals(times.length, size);
        var value = solution.getClass().getMethod("value", int.class, int.class);
        var invariant = lv.getMethod("invariant", double[].class, double.class, double.class);
        double v0 = (double) invariant.invoke(null, THETA, THETA[4], THETA[5]);
        for (int k = 0; k < size; k++) {
            double v = (double) invariant.invoke(null, THETA, value.invoke(solution, k, 0), value.invoke(solution, k, 1));
            assertEquals(v0, v, 1e-7 * Math.abs(v0), "V at t = " + times[k]);
        }
    }

    /** Without {@code uses BatchEngineProvider} in module-info, ServiceLoader would refuse models' lookup. */
    @Test
    void batchEngineLookupIsDeclared() throws Exception {
        ClassLoader loader = layer().findLoader("dev.leibniz.models");
        Class<?> engines = Class.forName("dev.leibniz.models.batch.BatchEngines", true, loader);
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> engines.getMethod("open", String.class, String.class).invoke(null, "no-such-engine", null));
        assertEquals("dev.leibniz.core.LeibnizException", e.getCause().getClass().getName(), e.getCause().toString());
        assertTrue(e.getCause().getMessage().contains("unknown engine 'no-such-engine'"), e.getCause().getMessage());
    }
}
