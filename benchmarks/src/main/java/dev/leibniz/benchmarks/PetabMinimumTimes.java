package dev.leibniz.benchmarks;

/**
 * Minimum-of-N timings of {@link PetabBenchmark}'s three operations (simulation, forward-sensitivity
 * gradient, adjoint gradient) per PEtab problem, for a machine too loaded for JMH's averages: the
 * minimum of several calls is the time of a call nothing interrupted (see {@link MinimumTimes}).
 * Each operation runs once to warm up, then up to {@code reps} times or until 20 s have passed
 * (at least twice). Run from the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.PetabMinimumTimes [method [reps [ops [problem]]]]
 * </pre>
 * {@code method} is the stiff problems' method id ({@code default}: io-sbml's, Rodas5P;
 * {@code rosenbrock} for the order-2 method used before); Crauste always runs Dormand–Prince 5(4).
 * {@code ops} picks the operations by letter ({@code s}imulation, {@code f}orward, {@code a}djoint;
 * default {@code sfa}), {@code problem} one problem by a prefix of its name (default all three):
 * with Rosenbrock 2(3), Fujita's forward gradient takes minutes.
 */
public final class PetabMinimumTimes {
    private PetabMinimumTimes() {
    }

    public static void main(String[] args) {
        String method = args.length > 0 && !args[0].equals("default") ? args[0] : "";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String ops = args.length > 2 ? args[2] : "sfa";
        String only = args.length > 3 ? args[3] : "";
        for (String problem : new String[] {"Boehm_JProteomeRes2014", "Crauste_CellSystems2017", "Fujita_SciSignal2010"}) {
            if (!problem.startsWith(only)) {
                continue;
            }
            PetabBenchmark b = new PetabBenchmark();
            b.problem = problem;
            b.method = method;
            b.setup();
            StringBuilder line = new StringBuilder(problem + " " + (method.isEmpty() ? "default" : method) + ":");
            if (ops.contains("s")) {
                line.append(String.format(" simulation %.3g ms", MinimumTimes.minMillis(() -> MinimumTimes.sink += b.simulation(), reps)));
            }
            if (ops.contains("f")) {
                line.append(String.format(" forward gradient %.3g ms",
                        MinimumTimes.minMillis(() -> MinimumTimes.sink += b.forwardGradient(), reps)));
            }
            if (ops.contains("a")) {
                line.append(String.format(" adjoint gradient %.3g ms",
                        MinimumTimes.minMillis(() -> MinimumTimes.sink += b.adjointGradient(), reps)));
            }
            System.out.println(line);
        }
        System.out.println("# " + MinimumTimes.sink);
    }
}
