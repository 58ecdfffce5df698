package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scalar primitive applied to matrices: values equal the scalar rule element by element
 * (with broadcasting of scalars, rows and columns), and the gradient of ⟨u, f(X…)⟩ — numeric
 * and symbolic — matches central finite differences, which checks the "sum back to the
 * argument's shape" of broadcast arguments.
 *
 * <p>Arguments are drawn in [0.2, 1.2]: inside every domain (log, sqrt, pow, and tan below its
 * pole at π/2) and away from every kink, so central differences with h = 1e-6 are accurate to
 * ~1e-9 (the largest third derivative there is tan's, ≈ 50); tolerance 1e-6. The exceptions are
 * the functions defined on [−1, 1] (asin, acos, atanh: drawn in [0.2, 0.9], third derivatives
 * below 1e3) and acosh (defined from 1: drawn in [1.2, 2.2]).
 */
class ElementwiseBroadcastTest {
    private static final double H = 1e-6;

    /** Argument shapes that broadcast to 3×4 (or, for one argument, a plain 3×4 matrix). */
    static List<Shape[]> layouts(int arity) {
        Shape m = new Shape(3, 4);
        Shape row = new Shape(1, 4);
        Shape col = new Shape(3, 1);
        List<Shape[]> l = new ArrayList<>();
        if (arity == 1) {
            l.add(new Shape[] {m});
        } else if (arity == 2) {
            l.add(new Shape[] {m, m});
            l.add(new Shape[] {m, Shape.SCALAR});
            l.add(new Shape[] {Shape.SCALAR, m});
            l.add(new Shape[] {m, row});
            l.add(new Shape[] {col, m});
            l.add(new Shape[] {row, col});
        } else {
            l.add(new Shape[] {m, row, col});
            l.add(new Shape[] {Shape.SCALAR, m, row});
        }
        return l;
    }

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (Primitive p : Primitives.all()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT || p instanceof TensorPrimitive
                    || p == TensorConstant.MATRIX) {
                continue;
            }
            int arity = p.arity() < 0 ? 3 : p.arity();
            for (Shape[] s : layouts(arity)) {
                double param = p == Arithmetic.POWI ? 3 : p == Reductions.SOFTMAX_CROSS_ENTROPY ? 1 : 0;
                out.add(Arguments.of(p, s, param));
            }
        }
        return out.stream();
    }

    static double[][] sample(SplittableRandom r, Primitive p, Shape[] s) {
        double[][] x = new double[s.length][];
        for (int k = 0; k < s.length; k++) {
            x[k] = new double[s[k].size()];
            for (int e = 0; e < x[k].length; e++) {
                x[k][e] = p == Comparisons.SELECT && k == 0 ? r.nextInt(2) : r.nextDouble(low(p), low(p) + width(p));
            }
        }
        return x;
    }

    private static double low(Primitive p) {
        return p == Hyperbolic.ACOSH ? 1.2 : 0.2;
    }

    private static double width(Primitive p) {
        return p == Trigonometric.ASIN || p == Trigonometric.ACOS || p == Hyperbolic.ATANH ? 0.7 : 1.0;
    }

    static Graph graph(Primitive p, Shape[] s, double param) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[s.length];
        for (int k = 0; k < s.length; k++) {
            x[k] = b.input("x" + k, s[k]);
        }
        Var y = b.apply(p, param, x);
        Var u = b.input("u", y.shape());
        return b.build("f", y.mul(u).sumAll());
    }

    static double element(double[] v, Shape s, int i, int j) {
        return v[(s.rows() == 1 ? 0 : i) * s.cols() + (s.cols() == 1 ? 0 : j)];
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void valuesAreTheScalarRuleElementByElement(Primitive p, Shape[] s, double param) {
        SplittableRandom r = new SplittableRandom(p.code() * 7L + s.length);
        double[][] x = sample(r, p, s);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[s.length];
        for (int k = 0; k < s.length; k++) {
            v[k] = b.input("x" + k, s[k]);
        }
        Var y = b.apply(p, param, v);
        assertEquals(new Shape(3, 4), y.shape());
        double[] out = b.build("y", y).compile().evaluate(x)[0];
        double[] point = new double[s.length];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < s.length; k++) {
                    point[k] = element(x[k], s[k], i, j);
                }
                assertEquals(p.apply(point, s.length, param, Subgradients.DEFAULT), out[i * 4 + j], 0.0,
                        p + " at (" + i + ", " + j + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void gradientsSumBackToBroadcastArguments(Primitive p, Shape[] s, double param) {
        SplittableRandom r = new SplittableRandom(p.code() * 11L + s.length);
        Graph g = graph(p, s, param);
        Program prog = g.compile();
        Program symbolic = ReverseMode.gradientGraph(g).compile();
        double[][] x = sample(r, p, s);
        double[][] in = new double[s.length + 1][];
        System.arraycopy(x, 0, in, 0, s.length);
        in[s.length] = new double[12];
        for (int e = 0; e < 12; e++) {
            in[s.length][e] = r.nextDouble(-1, 1);
        }
        var grad = prog.gradient(in);
        double[][] sym = symbolic.evaluate(in);
        for (int k = 0; k < s.length; k++) {
            assertEquals(s[k], grad.shape(k));
            assertArrayEquals(grad.array(k), sym[k + 1], 1e-12, p + ": symbolic gradient of x" + k);
            for (int e = 0; e < x[k].length; e++) {
                double fd;
                if (p.dependence(k) == Dependence.NONE) {
                    fd = 0.0; // a condition or comparison: piecewise constant, derivative zero away from ties
                } else {
                    double keep = in[k][e];
                    in[k][e] = keep + H;
                    double plus = prog.evaluate(in)[0][0];
                    in[k][e] = keep - H;
                    double minus = prog.evaluate(in)[0][0];
                    in[k][e] = keep;
                    fd = (plus - minus) / (2 * H);
                }
                double got = grad.array(k)[e];
                assertTrue(Math.abs(fd - got) <= 1e-6 * Math.max(1, Math.abs(fd)),
                        p + " d/dx" + k + "[" + e + "]: finite difference " + fd + ", gradient " + got);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void incompatibleShapesAreRejectedWithBothShapes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var a = b.input("a", new Shape(2, 3));
        Var c = b.input("c", new Shape(3, 2));
        ShapeException e = assertThrows(ShapeException.class, () -> a.add(c));
        assertEquals("shape mismatch in 'add': 2x3 and 3x2 (rows 2 and 3 differ and neither is 1, so they do not broadcast)",
                e.getMessage());
    }
}
