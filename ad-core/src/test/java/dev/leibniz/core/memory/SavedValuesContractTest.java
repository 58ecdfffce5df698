package dev.leibniz.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The saved-value declarations of every primitive are complete: the memory-planned backward pass
 * passes a poison value for every argument and output a primitive did not declare saved, and the
 * gradient must still equal, bit for bit, the store-all interpreter's. A partial that read an
 * undeclared value would turn NaN (poison NaN) or change (a finite poison).
 */
class SavedValuesContractTest {

    static Stream<Primitive> operations() {
        return Primitives.scalarPrimitives().stream().filter(p -> p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT);
    }

    @ParameterizedTest
    @MethodSource("operations")
    void partialsReadOnlyTheDeclaredSavedValues(Primitive p) {
        int n = p.arity() < 0 ? 3 : p.arity();
        double param = p.name().equals("softmax_xent") ? 1 : p.name().equals("powi") ? 3 : 0;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] xs = new Var[n];
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = "x" + k;
            xs[k] = b.input(names[k]);
        }
        Graph g = b.build("y", b.apply(p, param, xs));

        int declared = p.savesOutput() ? 1 : 0;
        for (int k = 0; k < n; k++) {
            declared += p.savesInput(k) ? 1 : 0;
        }
        MemoryPlannedGradient nanPoison = MemoryPlannedGradient.plan(g, 0);
        assertEquals(declared, nanPoison.savedCount());
        MemoryPlannedGradient finitePoison = nanPoison.withPoison(1234.5);

        Random rnd = new Random(p.code());
        for (int trial = 0; trial < 40; trial++) {
            double[] x = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = argument(p, trial, rnd);
            }
            Subgradients policy = trial % 2 == 0 ? Subgradients.DEFAULT : new Subgradients(1.0, 0.5, 0.25);
            Gradient expected = g.compile().gradient(0, EvalOptions.DEFAULT.withPolicy(policy), x);
            assertSame(p, x, expected, nanPoison.run(policy, x).gradient());
            assertSame(p, x, expected, finitePoison.run(policy, x).gradient());
        }
    }

    /** Valid arguments: positive where the primitive needs it; zeros and ties now and then for the kinks. */
    private static double argument(Primitive p, int trial, Random rnd) {
        boolean positive = switch (p.name()) {
            case "sqrt", "log", "pow" -> true;
            default -> false;
        };
        if (trial % 5 == 0) {
            return positive || p.name().equals("log1p") ? 1.0 : 0.0;
        }
        double u = rnd.nextDouble();
        if (positive) {
            return 0.1 + 2.9 * u;
        }
        return p.name().equals("log1p") ? -0.9 + 3 * u : -2.5 + 5 * u;
    }

    private static void assertSame(Primitive p, double[] x, Gradient expected, Gradient actual) {
        String where = p.name() + " at " + java.util.Arrays.toString(x);
        assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(actual.value()), where);
        assertArrayEquals(expected.presence(), actual.presence(), where);
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int k = 0; k < e.length; k++) {
            assertEquals(Double.doubleToLongBits(e[k]), Double.doubleToLongBits(a[k]),
                    where + ": ∂/∂x" + k + " " + e[k] + " vs " + a[k]);
        }
    }
}
