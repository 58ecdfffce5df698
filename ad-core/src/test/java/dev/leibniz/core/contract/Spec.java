package dev.leibniz.core.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Shapes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structure of a {@link Case}'s graph: one node of {@code primitive} (with its parameter)
 * applied to inputs {@code x0, x1, …} of the given shapes, wrapped by an {@link Embedding}. The
 * numbers (input values, cotangent, tangent) are not part of it, so back ends can prepare a graph
 * once (compile it, plan its memory, color its Jacobian) and run it at many points; a spec is a
 * value (a record) and serves as their cache key.
 *
 * @param primitive  the primitive under test
 * @param param      its parameter (an integer exponent, a target class, packed dimensions, …)
 * @param shapes     the shape of each input; all 1×1 for a scalar graph
 * @param continuous per input: false for an argument holding class indices (no tangent, no cotangent)
 * @param embedding  where the node sits in the graph
 */
public record Spec(Primitive primitive, double param, List<Shape> shapes, List<Boolean> continuous,
                   Embedding embedding) {
    private static final Map<Spec, Graph> GRAPHS = new ConcurrentHashMap<>();

    public Spec {
        shapes = List.copyOf(shapes);
        continuous = List.copyOf(continuous);
    }

    /** A spec whose inputs are all continuous. */
    public static Spec of(Primitive p, double param, List<Shape> shapes, Embedding e) {
        return new Spec(p, param, shapes, java.util.Collections.nCopies(shapes.size(), true), e);
    }

    public int arity() {
        return shapes.size();
    }

    /** Input names of the graph: x0, x1, … */
    public static String inputName(int k) {
        return "x" + k;
    }

    /** The graph (built once per spec): inputs x0…, one output named f. */
    public Graph graph() {
        return GRAPHS.computeIfAbsent(this, s -> {
            GraphBuilder b = GraphBuilder.tracing();
            Var[] xs = new Var[s.arity()];
            for (int k = 0; k < xs.length; k++) {
                Shape sh = s.shapes.get(k);
                xs[k] = sh.isScalar() ? b.input(inputName(k)) : b.input(inputName(k), sh);
            }
            return b.build("f", s.apply(xs));
        });
    }

    /**
     * Appends the primitive and its embedding to the builder of {@code xs} (a tracing builder, or
     * a recorder's tape) and returns the output.
     */
    public Var apply(Var... xs) {
        Var z = xs[0].graph().apply(primitive, param, xs);
        return embedding.wrap(z, xs);
    }

    /** Shape of the primitive's output (and of the graph's output). */
    public Shape outputShape() {
        return Shapes.infer(primitive, shapes.toArray(new Shape[0]), arity(), param);
    }

    /** True when every input and the output are 1×1 and no matrix primitive is involved. */
    public boolean isScalarGraph() {
        return !graph().hasMatrices();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(primitive.name());
        if (param != 0 || primitive.hasParam()) {
            sb.append("[param=").append(primitive.hasParam() ? primitive.formatParam(param) : Double.toString(param))
                    .append(']');
        }
        sb.append('(');
        for (int k = 0; k < arity(); k++) {
            sb.append(k == 0 ? "" : ", ").append(inputName(k));
            if (!shapes.get(k).isScalar()) {
                sb.append(':').append(shapes.get(k));
            }
            if (!continuous.get(k)) {
                sb.append(":class");
            }
        }
        return sb.append(") ").append(embedding).toString();
    }
}
