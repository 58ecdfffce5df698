package dev.leibniz.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Var;
import dev.leibniz.core.optim.Adam;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TiedAutoencoderTest {
    private static final int B = 8;
    private static final int IN = 6;
    private static final int CODE = 3;

    static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void tiedWeightGradientIsTheSumOfEncoderAndDecoderGradients() {
        SplittableRandom r = new SplittableRandom(31);
        TiedAutoencoder ae = new TiedAutoencoder("ae", IN, CODE, Activation.TANH);
        Parameters p = new Parameters();
        ae.declare(p, r);
        GraphBuilder b = GraphBuilder.tracing();
        Bindings w = p.bind(b);
        Var x = b.input("x", new Shape(B, IN));
        Graph tied = b.build("loss", ae.loss(w, x));
        double[] xs = random(r, B * IN);
        Gradient g = GradientCheck.check(tied, GradientCheck.inputs(tied, p, xs), "ae.W", "ae.benc", "ae.bdec");

        // the same network with two copies of W: one as the encoder's weight, one (transposed) as the decoder's
        GraphBuilder u = GraphBuilder.tracing();
        Var enc = u.input("enc", new Shape(IN, CODE));
        Var dec = u.input("dec", new Shape(IN, CODE));
        Var benc = u.input("benc", new Shape(1, CODE));
        Var bdec = u.input("bdec", new Shape(1, IN));
        Var ux = u.input("x", new Shape(B, IN));
        Var h = ux.matmul(enc).add(benc).tanh();
        Graph untied = u.build("loss", h.matmul(dec.transpose()).add(bdec).sub(ux).square().mean());
        double[] wv = p.values("ae.W");
        Gradient parts = untied.compile().gradient(wv, wv, p.values("ae.benc"), p.values("ae.bdec"), xs);

        assertEquals(parts.value(), g.value(), 1e-15);
        double[] tiedW = g.array("ae.W");
        for (int e = 0; e < tiedW.length; e++) {
            assertEquals(parts.array("enc")[e] + parts.array("dec")[e], tiedW[e], 1e-14, "W[" + e + "]");
        }
        // both paths really contribute
        assertNotEquals(0.0, parts.array("enc")[0]);
        assertNotEquals(0.0, parts.array("dec")[0]);
    }

    /**
     * Data on a 3-dimensional subspace of R⁶ (x = z·A, z uniform), which a 3-unit code can
     * represent; Adam on the tied autoencoder must cut the reconstruction loss tenfold.
     */
    @Test
    void reconstructionLossFallsByAnOrderOfMagnitude() {
        SplittableRandom r = new SplittableRandom(32);
        int batch = 64;
        double[] a = random(r, CODE * IN);
        double[] data = new double[batch * IN];
        for (int i = 0; i < batch; i++) {
            double[] z = random(r, CODE);
            for (int j = 0; j < IN; j++) {
                for (int k = 0; k < CODE; k++) {
                    data[i * IN + j] += 0.5 * z[k] * a[k * IN + j];
                }
            }
        }
        TiedAutoencoder ae = new TiedAutoencoder("ae", IN, CODE, Activation.TANH);
        Parameters p = new Parameters();
        ae.declare(p, r);
        GraphBuilder b = GraphBuilder.tracing();
        Bindings w = p.bind(b);
        Trainer t = new Trainer(b.build("loss", ae.loss(w, b.input("x", new Shape(batch, IN)))), p, new Adam(0.01));
        double first = t.step(data);
        double last = first;
        for (int s = 0; s < 1500; s++) {
            last = t.step(data);
        }
        assertTrue(last < first / 10, "reconstruction loss " + first + " -> " + last);
    }
}
