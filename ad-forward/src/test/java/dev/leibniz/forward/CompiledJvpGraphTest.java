package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.ExecutionMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JVP graphs run as compiled code ({@link ExecutionMode#COMPILED}) give the interpreter's bits:
 * the values and JVPs, and the gradient of the first JVP output (a mixed second derivative),
 * under different subgradient policies (JVP graphs hold step, sign and tiestep nodes).
 */
class CompiledJvpGraphTest {

    @Test
    void compiledJvpGraphsGiveTheInterpretersBits() {
        Random rnd = new Random(17);
        Subgradients[] policies = {Subgradients.DEFAULT, new Subgradients(1, -1, 0.25)};
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(3);
            Graph jvp = JvpGraph.of(RandomForwardGraphs.random(rnd, n, 1 + rnd.nextInt(2), 4).graph());
            Program interpreted = jvp.compile();
            Program compiled = Program.compile(jvp, ExecutionMode.COMPILED);
            double[] in = RandomForwardGraphs.point(rnd, jvp.inputCount());
            if (trial % 5 == 0) {
                java.util.Arrays.fill(in, 0, n, 0.0); // kinks
            }
            for (Subgradients pol : policies) {
                EvalOptions opt = EvalOptions.DEFAULT.withPolicy(pol);
                double[] a = interpreted.evaluate(opt, in);
                double[] b = compiled.evaluate(opt, in);
                for (int j = 0; j < a.length; j++) {
                    assertEquals(Double.doubleToLongBits(a[j]), Double.doubleToLongBits(b[j]), jvp.outputName(j));
                }
                // the gradient of jvp_f0 = ∇f0 · t: second derivatives of f0 (and ∇f0 for the tangents)
                Graph second = jvp.withOutputs(JvpGraph.jvpName("f0"));
                Program si = second.compile();
                Program sc = Program.compile(second, ExecutionMode.COMPILED);
                double[] ga = new double[in.length];
                double[] gb = new double[in.length];
                double va = si.valueAndGradient(si.newWorkspace(), in, ga, opt);
                double vb = sc.valueAndGradient(sc.newWorkspace(), in, gb, opt);
                assertEquals(Double.doubleToLongBits(va), Double.doubleToLongBits(vb));
                for (int k = 0; k < in.length; k++) {
                    assertEquals(Double.doubleToLongBits(ga[k]), Double.doubleToLongBits(gb[k]), jvp.inputName(k));
                }
            }
        }
    }
}
