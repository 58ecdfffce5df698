package dev.leibniz.core;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Reductions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random expression graphs for property tests: 1–4 inputs, a few shared constants (including
 * equal values, and both 0.0 and −0.0), constant-only subtrees, exact and commuted repeats of
 * earlier nodes (shared subexpressions), dead nodes and sometimes unused inputs, and one or two
 * outputs (the first sums the last node and about half of the nodes nothing else uses).
 * Operations are smooth primitives defined on all reals, plus {@code hypot}, {@code powi} with
 * different exponents and 3-argument {@code logsumexp}.
 *
 * <p>A graph is a pure function of its seed, so a failing case is reproduced by its seed.
 */
public final class RandomGraphs {
    private RandomGraphs() {
    }

    /** Operations drawn by the generator. */
    public static final List<Primitive> OPERATIONS = List.of(
            Arithmetic.ADD, Arithmetic.SUB, Arithmetic.MUL, Arithmetic.NEG, Arithmetic.SQUARE, Arithmetic.POWI,
            Elementary.SIN, Elementary.COS, Elementary.TANH, Elementary.SIGMOID, Elementary.SOFTPLUS,
            Kinks.HYPOT, Reductions.LOGSUMEXP);

    private static final double[] CONSTANTS = {0.5, 2.0, -1.5, 0.0, -0.0, 3.0, 0.5};

    /** Graphs from random seeds. */
    public static Arbitrary<Graph> graphs() {
        return Arbitraries.longs().map(seed -> graph(new Random(seed)));
    }

    /** Input values (always four; a graph uses the first {@code inputCount()}). */
    public static Arbitrary<double[]> inputs() {
        return Arbitraries.doubles().between(-1.5, 1.5).array(double[].class).ofSize(4);
    }

    /** The first {@code g.inputCount()} of the given values. */
    public static double[] inputsFor(Graph g, double[] values) {
        return java.util.Arrays.copyOf(values, g.inputCount());
    }

    /** One random graph. */
    public static Graph graph(Random rnd) {
        GraphBuilder b = GraphBuilder.tracing();
        int inputs = 1 + rnd.nextInt(4);
        List<Var> nodes = new ArrayList<>();
        List<Var> consts = new ArrayList<>();
        List<Var> ops = new ArrayList<>();
        for (int j = 0; j < inputs; j++) {
            nodes.add(b.input("x" + j));
        }
        // an unused input now and then: it must survive the passes
        if (rnd.nextInt(5) == 0) {
            b.input("unused");
        }
        int nConst = 1 + rnd.nextInt(4);
        for (int c = 0; c < nConst; c++) {
            Var v = b.constant(CONSTANTS[rnd.nextInt(CONSTANTS.length)]);
            consts.add(v);
            nodes.add(v);
        }
        int count = 4 + rnd.nextInt(24);
        for (int n = 0; n < count; n++) {
            int kind = rnd.nextInt(10);
            Var v;
            if (kind == 0 && !ops.isEmpty()) {
                v = repeat(b, ops.get(rnd.nextInt(ops.size())), rnd);
            } else if (kind == 1) {
                v = operation(b, consts, rnd);   // constant-only subtree
                consts.add(v);
            } else {
                v = operation(b, nodes, rnd);
            }
            nodes.add(v);
            ops.add(v);
        }
        // f sums the last node and about half of the nodes nothing uses yet: most of the graph
        // is live, and the rest is dead code
        java.util.Set<Integer> used = new java.util.HashSet<>();
        Graph snapshot = b.build("tmp", ops.get(ops.size() - 1));
        for (int i = 0; i < snapshot.size(); i++) {
            for (int k = 0; k < snapshot.arity(i); k++) {
                used.add(snapshot.arg(i, k));
            }
        }
        Var f = ops.get(ops.size() - 1);
        for (int i = 0; i < ops.size() - 1; i++) {
            if (!used.contains(ops.get(i).node()) && rnd.nextBoolean()) {
                f = f.add(ops.get(i));
            }
        }
        Map<String, Var> outputs = new LinkedHashMap<>();
        outputs.put("f", f);
        if (rnd.nextBoolean()) {
            outputs.put("g", ops.get(rnd.nextInt(ops.size())));
        }
        return b.build(outputs);
    }

    private static Var operation(GraphBuilder b, List<Var> pool, Random rnd) {
        Primitive p = OPERATIONS.get(rnd.nextInt(OPERATIONS.size()));
        int arity = p.arity() < 0 ? 3 : p.arity();
        Var[] args = new Var[arity];
        for (int k = 0; k < arity; k++) {
            // favour recent nodes, so that expressions get deep as well as wide
            int n = pool.size();
            int i = rnd.nextBoolean() ? n - 1 - rnd.nextInt(Math.min(n, 4)) : rnd.nextInt(n);
            args[k] = pool.get(i);
        }
        double param = p == Arithmetic.POWI ? 2 + rnd.nextInt(2) : 0.0;
        return b.apply(p, param, args);
    }

    /** The same operation as {@code v} on the same arguments, commuted when that is allowed. */
    private static Var repeat(GraphBuilder b, Var v, Random rnd) {
        Graph snapshot = b.build("tmp", v);
        int id = v.node();
        Primitive p = snapshot.primitive(id);
        int n = snapshot.arity(id);
        Var[] args = new Var[n];
        for (int k = 0; k < n; k++) {
            args[k] = b.variable(snapshot.arg(id, k));
        }
        if (p.isCommutative() && n == 2 && rnd.nextBoolean()) {
            Var t = args[0];
            args[0] = args[1];
            args[1] = t;
        }
        return b.apply(p, snapshot.param(id), args);
    }
}
