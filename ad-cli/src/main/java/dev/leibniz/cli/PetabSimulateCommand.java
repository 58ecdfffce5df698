package dev.leibniz.cli;

import dev.leibniz.sbml.petab.PetabObjective;
import dev.leibniz.sbml.petab.PetabProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz simulate PROBLEM.yaml} (routed here by {@link PetabRoutes}): the simulated
 * observables in PEtab's simulatedData layout, the measurement table with {@code measurement}
 * replaced by {@code simulation}.
 */
@Command(name = "petab-simulate", hidden = true, mixinStandardHelpOptions = true,
        description = {"Simulate a PEtab problem's observables at its measurements (PEtab simulatedData layout, TSV).",
            "Example: leibniz simulate Boehm_JProteomeRes2014.yaml --out simulatedData.tsv"})
final class PetabSimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    PetabOptions petab;

    @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "The PEtab problem's YAML file.")
    Path problem;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the table here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        dev.leibniz.sbml.JsbmlLogging.quiet();
        PetabProblem p = PetabProblem.read(problem);
        PetabObjective.Evaluation e = new PetabObjective(p, petab.solver()).evaluate(petab.theta(p));
        String table = table(p, e.simulated());
        PrintWriter w = spec.commandLine().getOut();
        if (out != null) {
            Files.writeString(out, table, StandardCharsets.UTF_8);
            if (!common.json) {
                w.println("wrote " + out + " (" + p.measurements().size() + " rows)");
            }
        } else {
            w.print(table);
            w.flush();
        }
        return ExitCode.OK;
    }

    static String table(PetabProblem p, double[] simulated) {
        StringBuilder sb = new StringBuilder("observableId\tpreequilibrationConditionId\tsimulationConditionId\tsimulation"
                + "\ttime\tobservableParameters\tnoiseParameters\n");
        for (int i = 0; i < simulated.length; i++) {
            PetabProblem.Measurement m = p.measurements().get(i);
            sb.append(m.observableId()).append('\t').append(m.preequilibrationId()).append('\t')
                    .append(m.conditionId()).append('\t').append(Json.finite(simulated[i])).append('\t')
                    .append(number(m.time())).append('\t').append(String.join(";", m.observableParameters()))
                    .append('\t').append(String.join(";", m.noiseParameters())).append('\n');
        }
        return sb.toString();
    }

    private static String number(double t) {
        if (t == Double.POSITIVE_INFINITY) {
            return "inf"; // a steady-state measurement, as PEtab writes it
        }
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    }
}
