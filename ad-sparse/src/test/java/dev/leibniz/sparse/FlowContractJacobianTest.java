package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compressed Jacobians under the one flow contract ({@code dev.leibniz.core.prim.Flow}): output i
 * is f_i(x_i), each f_i equal to x_i plus a constant near the point, so J is the identity (the
 * closed form). The reverse sweeps meet ∞ along NONE edges (a select's condition, a comparison's
 * operands) and ∞ times exact-zero partials (relu below 0, x·0, a select's untaken branch); the
 * old row sweep gave NaN there. Columns run ad-forward's tangent lanes, rows the linearization.
 */
class FlowContractJacobianTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static final List<UnaryOperator<Var>> F = List.of(
            x -> Var.select(x.gt(0.0), x.constant(1.0), x.constant(2.0)).mul(INF).add(x),
            x -> x.gt(0.0).mul(INF).add(x),
            x -> x.relu().sqrt().add(x),
            x -> x.mul(0.0).sqrt().add(x),
            x -> Var.select(x.gt(0.0), x.constant(0.0), x).sqrt().add(x));
    private static final double[] AT = {1.0, 1.0, -1.0, 1.0, 1.0};

    private static Graph graph() {
        GraphBuilder b = GraphBuilder.tracing();
        Map<String, Var> out = new LinkedHashMap<>();
        Var[] x = new Var[F.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.input("x" + i);
        }
        for (int i = 0; i < x.length; i++) {
            out.put("f" + i, F.get(i).apply(x[i]));
        }
        return b.build(out);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void jacobianIsTheIdentity(Direction direction) {
        SparseJacobian jac = SparseJacobian.prepare(graph(), direction);
        assertEquals(direction, jac.direction());
        DMatrixSparseCSC j = jac.evaluate(AT);
        for (int r = 0; r < F.size(); r++) {
            for (int c = 0; c < F.size(); c++) {
                assertEquals(r == c ? 1.0 : 0.0, j.get(r, c), 0.0, direction + ": J[" + r + "][" + c + "]");
            }
        }
    }
}
