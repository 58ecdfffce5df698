package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three PEtab benchmark problems at their nominal parameters against the reference
 * log-likelihoods published with AMICI's benchmark tests (AMICI-dev/AMICI,
 * tests/benchmark_models/benchmark_models.yaml; see petab/README.md) and against the
 * collection's own simulatedData tables, point by point. Integration: Rosenbrock 2(3),
 * rtol 1e-8, atol 1e-10 ({@link PetabObjective#DEFAULT_OPTIONS}).
 */
class BenchmarkProblemsTest {
    static Path problem(String name) {
        try {
            return Path.of(BenchmarkProblemsTest.class.getResource("/petab/" + name + "/" + name + ".yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "Boehm_JProteomeRes2014, -138.22199693517703",
        "Crauste_CellSystems2017, -190.96521897435176",
        "Fujita_SciSignal2010, 53.08377736998929"})
    void logLikelihoodAtTheNominalParametersIsTheReference(String name, double reference) {
        PetabProblem p = PetabProblem.read(problem(name));
        PetabObjective f = new PetabObjective(p);
        PetabObjective.Evaluation e = f.evaluate(p.nominalOnScale());
        assertEquals(reference, e.logLikelihood(), 1e-4, name);
    }
}
