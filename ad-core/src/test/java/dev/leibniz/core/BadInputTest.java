package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.Reductions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input gets one of the project's own exceptions, whose message names what is wrong — never
 * a NullPointerException or an index out of bounds.
 */
class BadInputTest {

    /** Asserts a {@code type} is thrown whose message contains every fragment. */
    private static <T extends LeibnizException> T rejected(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message should mention '" + f + "': " + e.getMessage());
        }
        return e;
    }

    private static Graph xy() {
        return Graph.trace(v -> v[0].mul(v[1]), "x", "y");
    }

    @Test
    void unknownPrimitiveNameListsTheKnownOnes() {
        rejected(GraphException.class, () -> Primitives.byName("foo"), "unknown primitive 'foo'", "sin", "logsumexp");
        rejected(GraphException.class, () -> Primitives.byName(null), "unknown primitive");
    }

    @Test
    void wrongArity() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        rejected(GraphException.class, () -> b.apply(Arithmetic.ADD, x), "'add'", "takes 2 arguments", "got 1");
        rejected(GraphException.class, () -> b.apply(Elementary.SIN, x, x), "'sin'", "takes 1 argument,", "got 2");
        rejected(GraphException.class, () -> b.apply(Reductions.LOGSUMEXP), "'logsumexp'", "at least 1 argument", "got 0");
        rejected(GraphException.class, () -> b.applyIds(Arithmetic.MUL, 0, new int[] {0}, 1), "'mul'", "got 1");
        rejected(GraphException.class, () -> Var.logsumexp(), "logsumexp", "at least one");
        rejected(GraphException.class, () -> Var.sum(), "sum", "at least one");
        rejected(GraphException.class, () -> Var.softmaxCrossEntropy(2, x, x), "target class 2", "[0, 2)");
    }

    @Test
    void badParametersAreRejectedWhenTheNodeIsBuilt() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        // an integer power with exponent 2.5 would evaluate x² but differentiate as 2.5·x
        rejected(GraphException.class, () -> b.apply(Arithmetic.POWI, 2.5, x), "'powi'", "2.5", "integer");
        rejected(GraphException.class, () -> b.apply(Reductions.SOFTMAX_CROSS_ENTROPY, 3, x, x), "target class 3.0");
        rejected(GraphException.class, () -> b.applyIds(Reductions.SOFTMAX_CROSS_ENTROPY, -1, new int[] {0}, 1),
                "target class -1.0");
        rejected(GraphException.class, () -> b.apply(Leaves.CONSTANT, 1.0), "constant(...)");
    }

    @Test
    void nodeIdsThatDoNotExist() {
        GraphBuilder b = GraphBuilder.tracing();
        b.input("x");
        rejected(GraphException.class, () -> b.applyIds(Arithmetic.MUL, 0, new int[] {0, 7}, 2), "argument 1", "%7");
        rejected(GraphException.class, () -> b.applyIds(Arithmetic.MUL, 0, new int[] {0}, 2), "'mul'", "2", "1");
        rejected(GraphException.class, () -> b.applyIds(Arithmetic.MUL, 0, null, 2), "'mul'");
        rejected(GraphException.class, () -> b.variable(3), "%3", "1 nodes");
        rejected(GraphException.class, () -> b.build(new String[] {"f"}, new int[] {9}), "'f'", "%9");
        rejected(GraphException.class, () -> b.build(new String[] {"f", "g"}, new int[] {0}), "2 output names", "1");
    }

    @Test
    void variableOfAnotherBuilder() {
        GraphBuilder one = GraphBuilder.tracing();
        GraphBuilder two = GraphBuilder.tracing();
        Var x = one.input("x");
        Var y = two.input("y");
        rejected(GraphException.class, () -> x.add(y), "argument 1 of 'add'", "another graph");
        rejected(GraphException.class, () -> Var.select(x, x, y), "argument 2 of 'select'", "another graph");
        rejected(GraphException.class, () -> Var.logsumexp(x, y), "'logsumexp'", "another graph");
        rejected(GraphException.class, () -> one.build("f", y), "'f'", "another graph");
        Recorder rec = new Recorder();
        rejected(GraphException.class, () -> rec.gradient(x), "not recorded by this recorder");
    }

    @Test
    void nullArguments() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        rejected(GraphException.class, () -> x.add(null), "argument 1 of 'add'", "null");
        rejected(GraphException.class, () -> x.sin().mul(null), "'mul'", "null");
        rejected(GraphException.class, () -> b.apply(null, x), "primitive", "null");
        rejected(GraphException.class, () -> b.apply(Arithmetic.ADD, (Var[]) null), "'add'", "null");
        rejected(GraphException.class, () -> Var.select(null, x, x), "select", "null");
        rejected(GraphException.class, () -> Var.select(x, null, x), "argument 1 of 'select'", "null");
        rejected(GraphException.class, () -> Var.logsumexp(null, x), "logsumexp", "null");
        rejected(GraphException.class, () -> Var.logsumexp((Var[]) null), "logsumexp", "null");
        rejected(GraphException.class, () -> Var.softmaxCrossEntropy(0, (Var) null), "softmax", "null");
        rejected(GraphException.class, () -> Var.sum(null, x), "sum", "null");
        rejected(GraphException.class, () -> b.input(null), "input name");
        rejected(GraphException.class, () -> b.build("f", null), "output 'f' is null");
        rejected(GraphException.class, () -> b.build((Map<String, Var>) null), "outputs");
        rejected(GraphException.class, () -> b.build(null, new int[] {0}), "output names");
        rejected(GraphException.class, () -> Graph.trace(null, "x"), "function");
        rejected(GraphException.class, () -> Graph.trace(v -> v[0], (String[]) null), "input names");
        rejected(GraphException.class, () -> Graph.trace(v -> null, "x"), "returned null");
        rejected(LeibnizException.class, () -> GraphBuilder.recording(null), "policy");
        rejected(LeibnizException.class, () -> new Recorder(null), "options");
        rejected(GraphException.class, () -> new Recorder().gradient(null), "loss");
        rejected(LeibnizException.class, () -> new EvalOptions(null, false), "policy");
    }

    @Test
    void wrongNumberOfInputsToEvaluate() {
        Program p = xy().compile();
        rejected(GraphException.class, () -> p.evaluate(1.0), "takes 2 inputs", "[x, y]", "got 1 value");
        rejected(GraphException.class, () -> p.evaluate(1.0, 2.0, 3.0), "takes 2 inputs", "got 3 values");
        rejected(GraphException.class, () -> p.evaluate((double[]) null), "takes 2 inputs", "null");
        rejected(GraphException.class, () -> p.gradient(1.0), "takes 2 inputs");
        rejected(GraphException.class, () -> xy().evaluate(), "got 0 values");
        rejected(GraphException.class, () -> ReverseMode.hessian(xy(), new double[] {1}), "takes 2 inputs");
        rejected(GraphException.class, () -> p.vjp(new double[] {1, 2}, new double[] {1, 2}), "one cotangent per output (1)", "2");
        rejected(GraphException.class, () -> p.vjp(new double[] {1, 2}, null), "cotangent", "null");
        rejected(GraphException.class, () -> p.backward(new double[] {1}, new double[] {1}, EvalOptions.DEFAULT),
                "node values", "3", "1");
        rejected(GraphException.class, () -> p.backward(new double[3], new double[] {1, 1}, EvalOptions.DEFAULT),
                "one cotangent per output (1)");
        rejected(LeibnizException.class, () -> p.evaluate((EvalOptions) null, 1.0, 2.0), "options");
        rejected(LeibnizException.class, () -> p.gradient(0, null, 1.0, 2.0), "options");
    }

    @Test
    void unknownInputAndOutputNames() {
        Graph g = xy();
        rejected(GraphException.class, () -> g.inputIndex("z"), "unknown input 'z'", "[x, y]");
        rejected(GraphException.class, () -> g.outputIndex("g"), "unknown output 'g'", "[f]");
        rejected(GraphException.class, () -> g.withOutputs("nope"), "unknown output 'nope'");
        rejected(GraphException.class, () -> g.withOutputs((String[]) null), "output names");
        rejected(GraphException.class, () -> g.compile().gradient(3, EvalOptions.DEFAULT, 1, 2), "output index 3", "[f]");
        Gradient grad = g.compile().gradient(1, 2);
        rejected(LeibnizException.class, () -> grad.get("z"), "no variable named 'z'", "[x, y]");
        rejected(LeibnizException.class, () -> grad.isPresent("z"), "'z'");
        rejected(LeibnizException.class, () -> grad.get(2), "index 2", "2 variables");
        rejected(GraphException.class, () -> ReverseMode.gradientGraph(g, 1), "output index 1", "[f]");
        rejected(GraphException.class, () -> ReverseMode.gradientGraph(null), "graph");
        rejected(GraphException.class, () -> ReverseMode.vjpGraph(null), "graph");
        rejected(GraphException.class, () -> ReverseMode.hessian(null, new double[] {1}), "graph");
    }

    @Test
    void duplicateNames() {
        rejected(GraphException.class, () -> Graph.trace(v -> v[0], "x", "x"), "input 'x' is declared twice");
        Recorder rec = new Recorder();
        rec.parameter("w", 1);
        rejected(GraphException.class, () -> rec.parameter("w", 2), "'w'", "twice");
    }

    @Test
    void tracedValuePointsToSelect() {
        TracedValueException e = rejected(TracedValueException.class,
                () -> Graph.trace(v -> v[0].value() > 0 ? v[0] : v[0].neg(), "x"),
                "%0", "input", "traced", "Var.select", "Recorder");
        assertTrue(e instanceof LeibnizException);
        rejected(GraphException.class, () -> GraphBuilder.tracing().input("x", 1.0), "traced input has no value");
        rejected(GraphException.class, () -> GraphBuilder.recording(Subgradients.DEFAULT).input("x"), "needs a value");
    }
}
