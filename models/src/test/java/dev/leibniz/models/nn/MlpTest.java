package dev.leibniz.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Var;
import dev.leibniz.core.optim.Adam;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

    /** Graph of the mean softmax cross-entropy of an MLP on a batch (inputs: parameters, then x, labels). */
    static Graph classifierLoss(Mlp mlp, Parameters p, int batch, int features) {
        GraphBuilder b = GraphBuilder.tracing();
        Bindings w = p.bind(b);
        Var x = b.input("x", new Shape(batch, features));
        Var labels = b.input("labels", new Shape(batch, 1));
        Var logits = mlp.apply(w, x);
        Map<String, Var> outputs = new LinkedHashMap<>();
        outputs.put("loss", logits.softmaxCrossEntropy(labels).mean());
        outputs.put("logits", logits);
        return b.build(outputs);
    }

    static double accuracy(double[] logits, double[] labels, int classes) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (logits[i * classes + k] > logits[i * classes + best]) {
                    best = k;
                }
            }
            right += best == (int) labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    @Test
    void gradientsOfAThreeLayerMlpMatchFiniteDifferencesStaticAndDynamic() {
        SplittableRandom r = new SplittableRandom(1);
        Mlp mlp = new Mlp("mlp", Activation.TANH, 3, 5, 4, 2);
        Parameters p = new Parameters();
        mlp.declare(p, r);
        for (String n : p.names()) { // nonzero biases, so that their gradients are exercised at a generic point
            double[] v = p.values(n);
            for (int i = 0; i < v.length; i++) {
                v[i] += r.nextDouble(-0.3, 0.3);
            }
        }
        double[] x = new double[6 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        double[] labels = {0, 1, 1, 0, 1, 0};
        Graph f = classifierLoss(mlp, p, 6, 3);
        Gradient g = GradientCheck.check(f, GradientCheck.inputs(f, p, x, labels), p.names().toArray(new String[0]));

        Recorder rec = new Recorder();
        Bindings w = p.bind(rec);
        Var loss = mlp.apply(w, rec.constant(x, new Shape(6, 3))).softmaxCrossEntropy(rec.constant(labels, new Shape(6, 1)))
                .mean();
        Gradient d = rec.gradient(loss);
        assertEquals(g.value(), d.value(), 1e-15);
        for (String n : p.names()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(g.array(n), d.array(n), 1e-15, n);
        }
    }

    @Test
    void learnsXor() {
        SplittableRandom r = new SplittableRandom(7);
        Mlp mlp = new Mlp("mlp", Activation.TANH, 2, 8, 2);
        Parameters p = new Parameters();
        mlp.declare(p, r);
        double[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        double[] labels = {0, 1, 1, 0};
        Trainer t = new Trainer(classifierLoss(mlp, p, 4, 2), p, new Adam(0.05));
        double first = t.step(x, labels);
        double last = first;
        for (int s = 0; s < 300; s++) {
            last = t.step(x, labels);
        }
        t.evaluate(x, labels);
        assertEquals(1.0, accuracy(t.output("logits"), labels, 2), 0.0);
        assertTrue(last < 0.05 * first, "loss " + first + " -> " + last);
    }

    /** Two interleaved spirals, one per class, with radius growing from 0.2 to 1 over 1.75 turns. */
    static double[][] spirals(int perClass, SplittableRandom r) {
        double[] x = new double[2 * perClass * 2];
        double[] y = new double[2 * perClass];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perClass; i++) {
                double t = i / (double) perClass;
                double angle = 1.75 * 2 * Math.PI * t + c * Math.PI;
                double radius = 0.2 + 0.8 * t;
                int row = c * perClass + i;
                x[2 * row] = radius * Math.cos(angle) + r.nextGaussian() * 0.01;
                x[2 * row + 1] = radius * Math.sin(angle) + r.nextGaussian() * 0.01;
                y[row] = c;
            }
        }
        return new double[][] {x, y};
    }

    @Test
    void learnsTwoSpiralsToNinetyNinePercent() {
        SplittableRandom r = new SplittableRandom(2024);
        double[][] data = spirals(100, r);
        Mlp mlp = new Mlp("mlp", Activation.TANH, 2, 32, 32, 2);
        Parameters p = new Parameters();
        mlp.declare(p, r);
        Trainer t = new Trainer(classifierLoss(mlp, p, 200, 2), p, new Adam(0.01));
        double acc = 0;
        for (int s = 0; s < 3000 && acc < 1.0; s++) {
            t.step(data[0], data[1]);
            if (s % 100 == 99) {
                t.evaluate(data[0], data[1]);
                acc = accuracy(t.output("logits"), data[1], 2);
            }
        }
        assertTrue(acc >= 0.99, "accuracy on the two spirals: " + acc);
        // fresh points from the same spirals (other noise): the boundary generalizes, not just memorizes
        double[][] test = spirals(100, new SplittableRandom(99));
        t.evaluate(test[0], test[1]);
        assertTrue(accuracy(t.output("logits"), test[1], 2) >= 0.97);
    }
}
