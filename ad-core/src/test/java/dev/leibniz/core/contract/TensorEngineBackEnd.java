package dev.leibniz.core.contract;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Program;
import dev.leibniz.core.Gradient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The matrix path ({@code TensorEngine}): the array forms of {@link Program#evaluate(double[]...)} and
 * {@link Program#vjp(double[][], double[][])} on every graph — a scalar graph too, whose nodes then run as 1×1
 * blocks through the elementwise kernels — with presence from {@link Program#gradient(int, dev.leibniz.core.EvalOptions, double[]...)}.
 * The 1×2 cases lift the primitive elementwise over two points at once.
 */
public final class TensorEngineBackEnd implements BackEnd {
    private final Map<Spec, Program> programs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "tensor-engine";
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Program p = programs.computeIfAbsent(c.spec(), s -> s.graph().compile());
        double[][] in = c.inputs();
        Outcome out = Outcome.NOTHING.withValue(p.evaluate(in)[0])
                .withVjp(p.vjp(in, new double[][] {c.cotangent()}));
        if (c.spec().outputShape().isScalar()) {
            Gradient g = p.gradient(0, EvalOptions.DEFAULT, in);
            boolean[] present = new boolean[in.length];
            for (int k = 0; k < present.length; k++) {
                present[k] = g.isPresent(k);
            }
            out = out.withPresence(present);
        }
        return out;
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
