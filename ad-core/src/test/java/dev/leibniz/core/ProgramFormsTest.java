package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One {@link Program} API: the scalar form (one {@code double} per input) and the array form (one
 * row-major array per input) of {@code evaluate}, {@code gradient}, {@code vjp} and
 * {@code valueAndGradient} give the same numbers on every graph, checked against closed forms;
 * one {@link Gradient} type carries scalar and matrix variables, and one {@link Workspace} type
 * serves both forms.
 */
class ProgramFormsTest {
    private static final double X = 0.7;
    private static final double Y = -1.3;

    /** f(x, y) = x·sin(y) + x: ∂f/∂x = sin y + 1, ∂f/∂y = x cos y. */
    private static Graph scalarGraph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        return b.build("f", x.mul(y.sin()).add(x));
    }

    @Test
    void bothFormsOfAScalarGraphAgreeWithTheClosedForm() {
        for (Program p : new Program[] {scalarGraph().compile(), Program.compile(scalarGraph(), ExecutionMode.COMPILED)}) {
            double f = X * Math.sin(Y) + X;
            double[] df = {Math.sin(Y) + 1, X * Math.cos(Y)};
            Gradient scalar = p.gradient(X, Y);
            Gradient array = p.gradient(new double[][] {{X}, {Y}});
            assertEquals(f, scalar.value(), 1e-15);
            assertArrayEquals(df, scalar.toArray(), 1e-15);
            assertEquals(scalar.value(), array.value(), 0.0);
            assertArrayEquals(scalar.toArray(), array.toArray(), 0.0);
            assertEquals(Shape.SCALAR, array.shape("y"));
            assertEquals(f, p.evaluate(new double[][] {{X}, {Y}})[0][0], 1e-15);
            assertArrayEquals(new double[] {2 * df[0], 2 * df[1]}, p.vjp(new double[] {X, Y}, new double[] {2}), 1e-15);
            double[][] vjp = p.vjp(new double[][] {{X}, {Y}}, new double[][] {{2}});
            assertArrayEquals(new double[] {2 * df[0]}, vjp[0], 1e-15);
            assertArrayEquals(new double[] {2 * df[1]}, vjp[1], 1e-15);

            Workspace ws = p.newWorkspace();
            double[] g = new double[2];
            assertEquals(f, p.valueAndGradient(ws, new double[] {X, Y}, g, EvalOptions.DEFAULT), 1e-15);
            assertArrayEquals(df, g, 1e-15);
            double[][] gs = {{0}, {0}};
            assertEquals(f, p.valueAndGradient(ws, new double[][] {{X}, {Y}}, gs, EvalOptions.DEFAULT), 1e-15);
            assertArrayEquals(df, new double[] {gs[0][0], gs[1][0]}, 1e-15);
            p.evaluate(ws, new double[][] {{X}, {Y}}, EvalOptions.DEFAULT);
            assertArrayEquals(new double[] {f}, ws.output("f"), 1e-15);
        }
    }

    @Test
    void aWorkspaceWithNamedInputsLeavesTheOthersAlone() {
        Program p = scalarGraph().compile();
        Workspace ws = p.newWorkspace("x");
        double[][] gs = {{0}, {42}};
        p.valueAndGradient(ws, new double[][] {{X}, {Y}}, gs, EvalOptions.DEFAULT);
        assertEquals(Math.sin(Y) + 1, gs[0][0], 1e-15);
        assertEquals(42, gs[1][0], 0.0);
        assertThrows(GraphException.class, () -> p.newWorkspace("z"));
    }

    /** f(W, s) = s·Σ W∘W: ∂f/∂W = 2sW, ∂f/∂s = Σ W². */
    @Test
    void aMatrixGradientIsOneGradientWithShapes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var w = b.input("W", new Shape(2, 2));
        Var s = b.input("s");
        Program p = b.build("f", w.mul(w).sumAll().mul(s)).compile();
        double[] wv = {1, -2, 3, 0.5};
        double sv = 1.5;
        double sumSq = 1 + 4 + 9 + 0.25;
        double[] dW = {2 * sv * 1, 2 * sv * -2, 2 * sv * 3, 2 * sv * 0.5};

        Gradient g = p.gradient(wv, new double[] {sv});
        assertEquals(sv * sumSq, g.value(), 1e-14);
        assertEquals(new Shape(2, 2), g.shape("W"));
        assertArrayEquals(dW, g.array("W"), 1e-14);
        assertArrayEquals(dW, g.matrix("W").data, 1e-14);
        assertEquals(sumSq, g.get("s"), 1e-14);
        double[] flat = g.toArray();
        assertEquals(5, flat.length);
        assertArrayEquals(dW, java.util.Arrays.copyOfRange(flat, 0, 4), 0.0);
        assertEquals(sumSq, flat[4], 0.0);
        LeibnizException notScalar = assertThrows(LeibnizException.class, () -> g.get("W"));
        assertTrue(notScalar.getMessage().contains("'W'"), notScalar.getMessage());
        assertTrue(g.toString().contains("d/dW = 2x2 ["), g.toString());

        Workspace ws = p.newWorkspace("W");
        double[][] gs = {new double[4], {42}};
        assertEquals(sv * sumSq, p.valueAndGradient(ws, new double[][] {wv, {sv}}, gs, EvalOptions.DEFAULT), 1e-14);
        assertArrayEquals(dW, gs[0], 1e-14);
        assertEquals(42, gs[1][0], 0.0);

        GraphException scalarForm = assertThrows(GraphException.class, () -> p.evaluate(1.0, 2.0));
        assertTrue(scalarForm.getMessage().contains("'W'") && scalarForm.getMessage().contains("new double[][]"),
                scalarForm.getMessage());
    }

    /**
     * A graph with scalar inputs and a matrix node inside, f(x, y) = Σ [1 2]·x + y = 3x + y, runs the
     * matrix engine; its scalar form, including the allocation-free one, works (it was refused
     * with "works on scalar graphs" before the two APIs were folded).
     */
    @Test
    void theScalarFormRunsAGraphWithMatrixNodesInside() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var c = b.constant(new double[] {1, 2}, new Shape(1, 2));
        Program p = b.build("f", c.mul(x).sumAll().add(y)).compile();
        assertTrue(p.graph().hasMatrices());
        assertEquals(3 * X + Y, p.evaluate(X, Y)[0], 1e-15);
        Workspace ws = p.newWorkspace();
        double[] g = new double[2];
        assertEquals(3 * X + Y, p.valueAndGradient(ws, new double[] {X, Y}, g, EvalOptions.DEFAULT), 1e-15);
        assertArrayEquals(new double[] {3, 1}, g, 0.0);
        Gradient absent = p.gradient(X, Y);
        assertTrue(absent.isPresent("x") && absent.isPresent("y"));
    }

    @Test
    void aWorkspaceOfAnotherProgramIsRefused() {
        Program p = scalarGraph().compile();
        Workspace other = scalarGraph().compile().newWorkspace();
        GraphException e = assertThrows(GraphException.class,
                () -> p.valueAndGradient(other, new double[] {X, Y}, new double[2], EvalOptions.DEFAULT));
        assertTrue(e.getMessage().contains("another program"), e.getMessage());
    }

    /** The types documented as immutable keep no lazily filled fields: every field is final. */
    @Test
    void immutableTypesHaveOnlyFinalFields() {
        for (Class<?> c : new Class<?>[] {Program.class, TensorProgram.class, Gradient.class, Graph.class, Shape.class}) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                assertTrue(java.lang.reflect.Modifier.isFinal(f.getModifiers()), c.getSimpleName() + "." + f.getName());
            }
        }
    }
}
