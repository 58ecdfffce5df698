package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Fmt;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 9: compiled execution. CompiledGradientBenchmark is written with the graph compiler, so
 * this section reads it by convention: the baseline is the method whose name contains "plain";
 * methods containing "compiled" are held to gradient / function ≤ 3, methods containing
 * "dynamic" or "record" to ≤ 5; every other method is reported.
 */
public final class CompiledSection implements Section {
    static final String COMPILED = "CompiledGradientBenchmark";
    static final String BRUSSELATOR = "BrusselatorBenchmark";

    static final double COMPILED_TARGET = 3;
    static final double DYNAMIC_TARGET = 5;

    @Override
    public List<String> benchmarks() {
        return List.of(COMPILED, BRUSSELATOR);
    }

    @Override
    public Output write(Results r, Path docs) {
        if (!r.has(COMPILED) && !r.has(BRUSSELATOR)) {
            return Output.NONE;
        }
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## Compiled execution (issue 9)\n\n");
        md.append("Static graphs compiled to JVM bytecode (`Program.compile(graph, ExecutionMode.COMPILED)`: traced "
                + "loops rolled back into loops, methods under the JIT's 8000-byte limit), the interpreter, and "
                + "dynamic recording, each against the plain-Java function at the same point, from the same run. "
                + "Rosenbrock: gradient; Brusselator: a vector–Jacobian product of the right-hand side (the "
                + "cotangent weights are graph inputs, as in an adjoint ODE solver).\n\n");
        for (String bench : new String[] {COMPILED, BRUSSELATOR}) {
            if (!r.has(bench)) {
                continue;
            }
            String base = MethodTable.baseline(r, bench);
            md.append("### ").append(bench.equals(COMPILED) ? "Extended Rosenbrock" : "2-D Brusselator right-hand side")
                    .append("\n\n");
            md.append(MethodTable.of(r, bench, base)).append('\n');
            if (base != null) {
                target(r, bench, base, checks, COMPILED_TARGET, "compiled static gradient", "compiled");
                target(r, bench, base, checks, DYNAMIC_TARGET, "dynamic recording", "dynamic", "record");
            }
        }
        md.append(Checks.table(checks));
        if (checks.stream().anyMatch(c -> Boolean.FALSE.equals(c.met()))) {
            md.append("**What limits it.** The generated code runs at about 1–1.7 ns per graph node, as fast as "
                    + "hand-written array code for the same graph, against 5–6 ns for the interpreter. The plain function "
                    + "keeps its temporaries in registers; the gradient must store every forward value and adjoint in "
                    + "arrays (at n = 10⁶ about 200 MB of memory traffic against 8 MB), so the ratio stays near 10. "
                    + "What would move it: fusing a loop body's forward and reverse sweep into register-allocated code "
                    + "(source transformation of the loop body rather than a tape). Dynamic recording allocates one "
                    + "`Var` per operation and evaluates each primitive as it is recorded; at 10⁶ operations the "
                    + "objects outlive the young generation. A 16-byte tape (one 64-bit word per operation) was "
                    + "built and measured (about 2× faster recording) but does not carry matrix operations, so it was "
                    + "not kept.\n\n");
        }
        return new Output(md.toString(), checks);
    }

    private static void target(Results r, String bench, String base, List<Check> checks, double bound, String what,
                               String... keywords) {
        for (String m : MethodTable.containing(r, bench, keywords)) {
            for (Map<String, String> ps : r.paramSets(bench)) {
                Score s = r.find(bench, m, ps).orElse(null);
                Score b = r.find(bench, base, ps).orElse(null);
                Double q = s == null || b == null ? null : s.over(b).value();
                checks.add(Check.atMost("9", what + " / function ≤ " + Fmt.bound(bound) + " (`" + m + "` " + ps + ")", q, bound,
                        q == null ? null : s.over(b).toString()));
            }
        }
    }
}
