package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Workspace;
import dev.leibniz.core.Var;
import dev.leibniz.models.nn.Activation;
import dev.leibniz.models.nn.Mlp;
import dev.leibniz.models.nn.Parameters;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step's forward and backward pass of an MLP — input width w, two tanh layers of
 * width w, a linear head of {@value #CLASSES}, loss mean(y²) — on a batch of {@value #BATCH}:
 * <ul>
 *   <li>{@code leibniz}: the static matrix graph (models.nn {@link Mlp}), compiled once, run with
 *       a reused {@link Workspace} that differentiates the parameters only;</li>
 *   <li>{@code ejmlProducts}: only the matrix products of the same step, called directly on
 *       EJML's {@code CommonOps_DDRM} — 3 forward (X·W₁, H₁·W₂, H₂·W₃) and 5 backward (W̄ = Hᵀ·Ḡ
 *       for each layer, H̄ = Ḡ·Wᵀ for the two layers whose input is not data). This is the
 *       physical floor of a design that runs its products on EJML: whatever Leibniz adds
 *       (activations, bias sums, the loss, the interpreter) shows as the ratio above 1.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpBenchmark {
    public static final int BATCH = 256;
    public static final int CLASSES = 10;

    @Param({"256", "512", "1024"})
    public int width;

    private Program program;
    private Workspace workspace;
    private double[][] inputs;
    private double[][] gradients;
    private double[] lastWeightGradient;

    private DMatrixRMaj x;
    private DMatrixRMaj w1;
    private DMatrixRMaj w2;
    private DMatrixRMaj w3;
    private DMatrixRMaj h1;
    private DMatrixRMaj h2;
    private DMatrixRMaj y;
    private DMatrixRMaj gw1;
    private DMatrixRMaj gw2;
    private DMatrixRMaj gw3;
    private DMatrixRMaj gh1;
    private DMatrixRMaj gh2;

    /** Multiply–adds of the 8 products of one step (each m×k·k×n product is m·k·n). */
    public static long multiplyAdds(int batch, int width) {
        long big = (long) batch * width * width;
        long head = (long) batch * width * CLASSES;
        return 2 * big + head // forward: X·W₁, H₁·W₂, H₂·W₃
                + 3 * big + 2 * head; // backward: W̄₁, W̄₂, H̄₁ (big); W̄₃, H̄₂ (head)
    }

    /** The loss graph mean(mlp(x)²), declaring the MLP's parameters in {@code params}. */
    public static Graph lossGraph(int width, Parameters params, SplittableRandom random) {
        Mlp mlp = new Mlp("mlp", Activation.TANH, width, width, width, CLASSES);
        mlp.declare(params, random);
        GraphBuilder b = GraphBuilder.tracing();
        var bound = params.bind(b);
        Var input = b.input("x", new Shape(BATCH, width));
        return b.build("loss", mlp.apply(bound, input).square().mean());
    }

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        Parameters params = new Parameters();
        Graph g = lossGraph(width, params, random);
        program = g.compile();
        workspace = program.newWorkspace(params.names().toArray(new String[0]));
        double[] data = new double[BATCH * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble(-1, 1);
        }
        inputs = new double[g.inputCount()][];
        gradients = new double[g.inputCount()][];
        for (String name : params.names()) {
            int k = g.inputIndex(name);
            inputs[k] = params.values(name);
            gradients[k] = new double[params.shape(name).size()];
        }
        inputs[g.inputIndex("x")] = data;
        lastWeightGradient = gradients[g.inputIndex("mlp.2.W")];

        x = DMatrixRMaj.wrap(BATCH, width, data);
        w1 = DMatrixRMaj.wrap(width, width, params.values("mlp.0.W"));
        w2 = DMatrixRMaj.wrap(width, width, params.values("mlp.1.W"));
        w3 = DMatrixRMaj.wrap(width, CLASSES, params.values("mlp.2.W"));
        h1 = new DMatrixRMaj(BATCH, width);
        h2 = new DMatrixRMaj(BATCH, width);
        y = new DMatrixRMaj(BATCH, CLASSES);
        gw1 = new DMatrixRMaj(width, width);
        gw2 = new DMatrixRMaj(width, width);
        gw3 = new DMatrixRMaj(width, CLASSES);
        gh1 = new DMatrixRMaj(BATCH, width);
        gh2 = new DMatrixRMaj(BATCH, width);
        checkLastLayer();
    }

    @Benchmark
    public double leibniz() {
        return program.valueAndGradient(workspace, inputs, gradients, EvalOptions.DEFAULT);
    }

    @Benchmark
    public DMatrixRMaj ejmlProducts() {
        CommonOps_DDRM.mult(x, w1, h1);
        CommonOps_DDRM.mult(h1, w2, h2);
        CommonOps_DDRM.mult(h2, w3, y);
        // the backward products, with y standing in for Ȳ and h₂, h₁ for the adjoints they shape
        CommonOps_DDRM.multTransA(h2, y, gw3);
        CommonOps_DDRM.multTransB(y, w3, gh2);
        CommonOps_DDRM.multTransA(h1, gh2, gw2);
        CommonOps_DDRM.multTransB(gh2, w2, gh1);
        CommonOps_DDRM.multTransA(x, gh1, gw1);
        return gw1;
    }

    /**
     * The loss and the head's weight gradient by hand (EJML products, loops for the rest) against
     * Leibniz: ℓ = mean(Y²), Ȳ = 2Y/(batch·classes), W̄₃ = H₂ᵀ·Ȳ with H_k = tanh(H_{k−1}·W_k + b_k),
     * biases zero at the start.
     */
    private void checkLastLayer() {
        double loss = leibniz();
        DMatrixRMaj a1 = new DMatrixRMaj(BATCH, width);
        DMatrixRMaj a2 = new DMatrixRMaj(BATCH, width);
        DMatrixRMaj out = new DMatrixRMaj(BATCH, CLASSES);
        CommonOps_DDRM.mult(x, w1, a1);
        tanh(a1);
        CommonOps_DDRM.mult(a1, w2, a2);
        tanh(a2);
        CommonOps_DDRM.mult(a2, w3, out);
        double expectedLoss = 0;
        for (double v : out.data) {
            expectedLoss += v * v;
        }
        expectedLoss /= out.data.length;
        Sanity.check("MLP loss", new double[] {loss}, new double[] {expectedLoss}, 1e-10);
        CommonOps_DDRM.scale(2.0 / out.data.length, out);
        DMatrixRMaj expected = new DMatrixRMaj(width, CLASSES);
        CommonOps_DDRM.multTransA(a2, out, expected);
        Sanity.check("MLP head weight gradient", lastWeightGradient, expected.data, 1e-9);
    }

    private static void tanh(DMatrixRMaj m) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = Math.tanh(m.data[i]);
        }
    }
}
