package dev.leibniz.sbml.petab;

import java.nio.file.Path;
import java.util.List;

/**
 * Values for the estimated parameters from a table file with columns {@code parameterId} and
 * {@code value} (linear scale, like the parameter table's {@code nominalValue}); parameters the
 * file leaves out keep their nominal values. Returned on the parameters' scales, ready for
 * {@link PetabObjective}.
 */
public final class ParameterValues {
    private ParameterValues() {
    }

    public static double[] read(Path file, PetabProblem problem) {
        List<PetabProblem.Parameter> est = problem.estimated();
        double[] theta = problem.nominalOnScale();
        List<String> ids = est.stream().map(PetabProblem.Parameter::id).toList();
        for (Table.Row r : Table.read(file, "parameterId", "value")) {
            String id = r.require("parameterId");
            int e = ids.indexOf(id);
            if (e < 0) {
                throw r.error("'" + id + "' is not an estimated parameter of " + problem.yaml().getFileName() + " " + ids);
            }
            double v = r.number("value");
            PetabProblem.Parameter p = est.get(e);
            if (p.scale() != Scale.LIN && !(v > 0)) {
                throw r.error("parameter '" + id + "' is on " + p.scale().id() + " scale; its value must be positive, got " + v);
            }
            theta[e] = p.scale().scale(v);
        }
        return theta;
    }
}
