package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.LstmBenchmark;
import dev.leibniz.benchmarks.MlpBenchmark;
import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Fmt;
import dev.leibniz.benchmarks.report.Ratio;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import dev.leibniz.benchmarks.report.Table;
import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.LinearAlgebra;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.models.nn.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Issue 3: one training step (forward + backward) of an MLP and of an LSTM cell as compiled
 * matrix graphs, against the bare EJML products of the same step — the floor for a design that
 * runs its products on EJML. Where the ratio misses 1.5, the time beyond the products is divided
 * by the matrix entries the non-product nodes touch, which says what the rest costs.
 */
public final class NeuralSection implements Section {
    static final String MLP = "MlpBenchmark";
    static final String LSTM = "LstmBenchmark";

    /** Issues 3 and 9: Leibniz step / EJML products. */
    static final double TARGET = 1.5;

    @Override
    public List<String> benchmarks() {
        return List.of(MLP, LSTM);
    }

    @Override
    public Output write(Results r, Path docs) {
        if (!r.has(MLP) && !r.has(LSTM)) {
            return Output.NONE;
        }
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## Neural networks: a training step vs the bare EJML products (issue 3)\n\n");
        md.append("`leibniz` is the static loss graph built from `dev.leibniz.models.nn`, compiled once and run with a "
                + "reused `Workspace` that differentiates the parameters only. `ejmlProducts` calls "
                + "`CommonOps_DDRM` directly for exactly the matrix products of the same forward and backward pass and "
                + "nothing else: the physical floor of a design whose products run on EJML (single-threaded). "
                + "\"Beyond the products\" is the difference of the two times, spread over the matrix entries that "
                + "the graph's other nodes (bias adds, activations, the loss, their adjoints) write in the forward "
                + "pass. The two times come from separate forks; a difference within their errors is noise.\n\n");
        if (r.has(MLP)) {
            md.append("### MLP: input w, two tanh layers of width w, a linear head of ").append(MlpBenchmark.CLASSES)
                    .append(", batch ").append(MlpBenchmark.BATCH).append(", loss mean(y²)\n\n");
            md.append(table(r, MLP, "width", w -> MlpBenchmark.multiplyAdds(MlpBenchmark.BATCH, w),
                    w -> elementwiseEntries(MlpBenchmark.lossGraph(w, new Parameters(), new SplittableRandom(1))), checks,
                    "MLP step"));
        }
        if (r.has(LSTM)) {
            md.append("### LSTM: one step, input and hidden ").append(LstmBenchmark.HIDDEN)
                    .append(" (gates from one product of stacked weights), loss mean(h′²)\n\n");
            md.append(table(r, LSTM, "batch", LstmBenchmark::multiplyAdds,
                    b -> elementwiseEntries(LstmBenchmark.lossGraph(b, new Parameters(), new SplittableRandom(1))), checks,
                    "LSTM step"));
        }
        md.append(Checks.table(checks));
        if (checks.stream().anyMatch(c -> Boolean.FALSE.equals(c.met()))) {
            md.append("**What limits it.** The products in the Leibniz step are the same EJML kernels on the same "
                    + "shapes, so the excess over the floor is the rest of the graph — bias adds, activations, the loss "
                    + "and their adjoints, each a separate pass over its matrix; the last column gives that excess per "
                    + "matrix entry those nodes write. Fusing elementwise nodes into one pass is what would move it.\n\n");
        }
        return new Output(md.toString(), checks);
    }

    private static String table(Results r, String bench, String param, IntFunction<Long> multiplyAdds,
            IntFunction<Long> elementwise, List<Check> checks, String what) {
        Table t = new Table(param, "Leibniz", "EJML products", "Leibniz / EJML", "EJML GFLOP/s", "beyond the products",
                "ns per non-product entry");
        for (String v : r.values(bench, param)) {
            int p = Integer.parseInt(v);
            Score lz = r.get(bench, "leibniz", param, v);
            Score ej = r.get(bench, "ejmlProducts", param, v);
            Ratio q = lz == null || ej == null ? null : lz.over(ej);
            String gflops = ej == null ? null : Fmt.number(2.0 * multiplyAdds.apply(p) / ej.nanos());
            String beyond = q == null ? null : Fmt.time(lz.nanos() - ej.nanos());
            String perEntry = q == null ? null : Fmt.number((lz.nanos() - ej.nanos()) / elementwise.apply(p));
            t.row(v, lz, ej, q, gflops, beyond, perEntry);
            checks.add(Check.atMost("3", what + " ≤ " + Fmt.bound(TARGET) + "× the EJML products (" + param + " " + v + ")",
                    q == null ? null : q.value(), TARGET, q == null ? null : q.toString()));
        }
        return t + "\n";
    }

    /** Matrix entries written by the forward pass's nodes other than inputs, constants and products. */
    static long elementwiseEntries(Graph g) {
        long n = 0;
        for (int i = 0; i < g.size(); i++) {
            Primitive p = g.primitive(i);
            Primitive.Kind k = p.kind();
            if (k != Primitive.Kind.INPUT && k != Primitive.Kind.CONSTANT && p != LinearAlgebra.MATMUL) {
                n += g.shape(i).size();
            }
        }
        return n;
    }
}
