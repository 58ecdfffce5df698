package dev.leibniz.core.contract;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;

/**
 * Define-by-run: the case is recorded on a {@link Recorder} (values computed eagerly as the
 * operations are appended) and differentiated by its backward sweep. The cotangent v enters as
 * the loss {@code f·v} (summed over the elements of a matrix output): the sweep then sends
 * exactly {@code 1·v = v} into f, the same numbers as seeding f with v.
 */
public final class RecorderBackEnd implements BackEnd {
    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public boolean supports(Case c) {
        return true;
    }

    @Override
    public Outcome run(Case c) {
        Recorder rec = new Recorder();
        double[][] in = c.inputs();
        Var[] xs = new Var[in.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = rec.parameter(Spec.inputName(k), in[k], c.spec().shapes().get(k));
        }
        Var f = c.spec().apply(xs);
        Shape out = c.spec().outputShape();
        if (c.spec().isScalarGraph()) {
            double value = f.value();
            Gradient g = rec.gradient(f.mul(rec.constant(c.cotangent()[0])));
            return Outcome.NOTHING.withValue(value).withScalarVjp(g.toArray()).withPresence(g.presence());
        }
        double[] value = f.values();
        Var loss = f.mul(rec.constant(c.cotangent(), out)).sumAll();
        Gradient g = rec.gradient(loss);
        double[][] vjp = new double[in.length][];
        boolean[] present = new boolean[in.length];
        for (int k = 0; k < vjp.length; k++) {
            vjp[k] = g.array(k);
            present[k] = g.isPresent(k);
        }
        return Outcome.NOTHING.withValue(value).withVjp(vjp).withPresence(present);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
