package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Hyperbolic;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every primitive of ad-core in forward mode, driven by the one table of all primitives: Dual,
 * k-lane DualVector and the graph sweep agree with each other and with central finite
 * differences of the primitive's value along each lane's direction.
 */
class PrimitiveTableTest {
    private static final Subgradients P = Subgradients.DEFAULT;

    @Test
    void everyPrimitiveMatchesFiniteDifferencesInEveryForwardForm() {
        Random rnd = new Random(42);
        int k = 3;
        int tested = 0;
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            int n = p.arity() >= 0 ? p.arity() : 3;
            double param = p.name().equals("powi") ? 3 : p.name().equals("softmax_xent") ? 1 : 0;
            double[] x = new double[n];
            double[][] s = new double[n][k];
            DualVector[] xv = new DualVector[n];
            for (int j = 0; j < n; j++) {
                // positive, distinct and below 1: inside every domain (acosh's starts at 1: shifted), off every kink and tie
                x[j] = 0.4 + 0.3 * j + (p == Hyperbolic.ACOSH ? 1 : 0);
                for (int l = 0; l < k; l++) {
                    s[j][l] = rnd.nextDouble() * 2 - 1;
                }
                xv[j] = DualVector.of(x[j], s[j]);
            }
            DualVector out = DualVectorOps.apply(p, param, xv, new DualVector(k), P);
            ForwardProgram fp = ForwardProgram.prepare(oneNode(p, param, n), k);
            TangentLanes ws = fp.newWorkspace();
            double[] seeds = new double[n * k];
            for (int j = 0; j < n; j++) {
                System.arraycopy(s[j], 0, seeds, j * k, k);
            }
            fp.jvp(x, seeds, ws);
            assertEquals(p.apply(x, n, param, P), out.value(), 0.0, p.name());
            for (int l = 0; l < k; l++) {
                Dual[] xd = new Dual[n];
                for (int j = 0; j < n; j++) {
                    xd[j] = new Dual(x[j], s[j][l]);
                }
                Dual d = Dual.apply(p, param, P, xd);
                double fd = centralDifference(p, param, x, s, l);
                assertTrue(RandomForwardGraphs.close(fd, out.tangent(l), 1e-7), p.name() + " lane " + l + ": " + out.tangent(l)
                        + " vs finite differences " + fd);
                assertEquals(out.tangent(l), d.tangent(), 1e-15, p.name() + ": Dual vs DualVector, lane " + l);
                assertEquals(out.tangent(l), fp.outputTangent(ws, 0, l), 1e-15, p.name() + ": sweep vs DualVector, lane " + l);
            }
            tested++;
        }
        assertEquals(Primitives.scalarPrimitives().size() - 2, tested);
    }

    private static Graph oneNode(Primitive p, double param, int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] in = new Var[n];
        for (int j = 0; j < n; j++) {
            in[j] = b.input("x" + j);
        }
        return b.build("y", b.apply(p, param, in));
    }

    private static double centralDifference(Primitive p, double param, double[] x, double[][] s, int lane) {
        double h = 1e-6;
        int n = x.length;
        double[] xp = new double[n];
        double[] xm = new double[n];
        for (int j = 0; j < n; j++) {
            xp[j] = x[j] + h * s[j][lane];
            xm[j] = x[j] - h * s[j][lane];
        }
        return (p.apply(xp, n, param, P) - p.apply(xm, n, param, P)) / (2 * h);
    }
}
