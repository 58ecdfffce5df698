package dev.leibniz.benchmarks;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Workspace;
import dev.leibniz.core.Var;
import dev.leibniz.models.nn.LstmCell;
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
 * One LSTM step forward and backward — input and hidden width {@value #HIDDEN}, the state
 * (h, c) and the input x given as data, loss mean(h′²) — on a batch:
 * <ul>
 *   <li>{@code leibniz}: models.nn {@link LstmCell} as a static matrix graph, compiled once, run
 *       with a reused {@link Workspace} that differentiates Wx, Wh and b;</li>
 *   <li>{@code ejmlProducts}: only the products of that step on EJML — Z = X·Wx + H·Wh forward,
 *       W̄x = Xᵀ·Z̄ and W̄h = Hᵀ·Z̄ backward, each batch×H·H×4H — the physical floor.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LstmBenchmark {
    public static final int HIDDEN = 256;

    @Param({"64", "256"})
    public int batch;

    private Program program;
    private Workspace workspace;
    private double[][] inputs;
    private double[][] gradients;

    private DMatrixRMaj x;
    private DMatrixRMaj h;
    private DMatrixRMaj wx;
    private DMatrixRMaj wh;
    private DMatrixRMaj z;
    private DMatrixRMaj gwx;
    private DMatrixRMaj gwh;

    /** Multiply–adds of the 4 products of one step, each batch·H·4H. */
    public static long multiplyAdds(int batch) {
        return 4L * batch * HIDDEN * 4 * HIDDEN;
    }

    /** The loss graph mean(h′²) of one step from data (x, h, c), declaring the cell's parameters in {@code params}. */
    public static Graph lossGraph(int batch, Parameters params, SplittableRandom random) {
        LstmCell cell = new LstmCell("lstm", HIDDEN, HIDDEN);
        cell.declare(params, random);
        GraphBuilder b = GraphBuilder.tracing();
        var bound = params.bind(b);
        Shape s = new Shape(batch, HIDDEN);
        Var xIn = b.input("x", s);
        Var hIn = b.input("h", s);
        Var cIn = b.input("c", s);
        LstmCell.State next = cell.step(bound, xIn, new LstmCell.State(hIn, cIn));
        return b.build("loss", next.h().square().mean());
    }

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        Parameters params = new Parameters();
        Graph g = lossGraph(batch, params, random);
        program = g.compile();
        workspace = program.newWorkspace(params.names().toArray(new String[0]));
        inputs = new double[g.inputCount()][];
        gradients = new double[g.inputCount()][];
        for (String name : params.names()) {
            int k = g.inputIndex(name);
            inputs[k] = params.values(name);
            gradients[k] = new double[params.shape(name).size()];
        }
        double[] xData = uniform(random, batch * HIDDEN, 1.0);
        double[] hData = uniform(random, batch * HIDDEN, 0.5);
        double[] cData = uniform(random, batch * HIDDEN, 0.5);
        inputs[g.inputIndex("x")] = xData;
        inputs[g.inputIndex("h")] = hData;
        inputs[g.inputIndex("c")] = cData;

        x = DMatrixRMaj.wrap(batch, HIDDEN, xData);
        h = DMatrixRMaj.wrap(batch, HIDDEN, hData);
        wx = DMatrixRMaj.wrap(HIDDEN, 4 * HIDDEN, params.values("lstm.Wx"));
        wh = DMatrixRMaj.wrap(HIDDEN, 4 * HIDDEN, params.values("lstm.Wh"));
        z = new DMatrixRMaj(batch, 4 * HIDDEN);
        gwx = new DMatrixRMaj(HIDDEN, 4 * HIDDEN);
        gwh = new DMatrixRMaj(HIDDEN, 4 * HIDDEN);
        checkLoss(params.values("lstm.b"), cData);
    }

    @Benchmark
    public double leibniz() {
        return program.valueAndGradient(workspace, inputs, gradients, EvalOptions.DEFAULT);
    }

    @Benchmark
    public DMatrixRMaj ejmlProducts() {
        CommonOps_DDRM.mult(x, wx, z);
        CommonOps_DDRM.multAdd(h, wh, z);
        // z stands in for Z̄ in the backward products
        CommonOps_DDRM.multTransA(x, z, gwx);
        CommonOps_DDRM.multTransA(h, z, gwh);
        return gwh;
    }

    /** The loss by hand (EJML products, loops for the gates) against Leibniz's value. */
    private void checkLoss(double[] bias, double[] c) {
        double loss = leibniz();
        DMatrixRMaj pre = new DMatrixRMaj(batch, 4 * HIDDEN);
        CommonOps_DDRM.mult(x, wx, pre);
        CommonOps_DDRM.multAdd(h, wh, pre);
        double sum = 0;
        int hh = HIDDEN;
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hh; j++) {
                int row = r * 4 * hh;
                double i = sigmoid(pre.data[row + j] + bias[j]);
                double f = sigmoid(pre.data[row + hh + j] + bias[hh + j]);
                double g = Math.tanh(pre.data[row + 2 * hh + j] + bias[2 * hh + j]);
                double o = sigmoid(pre.data[row + 3 * hh + j] + bias[3 * hh + j]);
                double cNew = f * c[r * hh + j] + i * g;
                double hNew = o * Math.tanh(cNew);
                sum += hNew * hNew;
            }
        }
        Sanity.check("LSTM loss", new double[] {loss}, new double[] {sum / (batch * hh)}, 1e-10);
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    private static double[] uniform(SplittableRandom random, int size, double scale) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextDouble(-scale, scale);
        }
        return v;
    }
}
