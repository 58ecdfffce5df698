package dev.leibniz.models.nn;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import dev.leibniz.core.Workspace;
import dev.leibniz.core.optim.StepOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training a static graph: the loss graph is compiled once, a {@link Workspace} holds every
 * buffer, and each {@link #step} runs forward, backward (gradients of the parameters only — the
 * data inputs are not differentiated) and one optimizer step on the flattened parameters.
 *
 * <p>The graph's inputs are the parameters (by their names in {@link Parameters}) and the data
 * (any other name); output 0 is the scalar loss. Other outputs (predictions, batch statistics)
 * can be read after a step with {@link #output(String)}.
 */
public final class Trainer {
    private final Graph graph;
    private final Program program;
    private final Parameters params;
    private final StepOptimizer optimizer;
    private final Workspace workspace;
    private final double[][] inputs;
    private final double[][] gradients;
    private final int[] parameterInput;
    private final List<String> dataNames = new ArrayList<>();
    private final int[] dataInput;
    private final double[] flatGradient;
    private final boolean[] present;

    public Trainer(Graph loss, Parameters params, StepOptimizer optimizer) {
        this.graph = loss;
        this.program = loss.compile();
        this.params = params;
        this.optimizer = optimizer;
        List<String> names = params.names();
        this.parameterInput = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            parameterInput[k] = loss.inputIndex(names.get(k));
            if (!loss.inputShape(parameterInput[k]).equals(params.shape(names.get(k)))) {
                throw new LeibnizException("parameter '" + names.get(k) + "' is " + params.shape(names.get(k))
                        + " but the graph's input is " + loss.inputShape(parameterInput[k]));
            }
        }
        for (String in : loss.inputNames()) {
            if (!names.contains(in)) {
                dataNames.add(in);
            }
        }
        this.dataInput = new int[dataNames.size()];
        for (int k = 0; k < dataInput.length; k++) {
            dataInput[k] = loss.inputIndex(dataNames.get(k));
        }
        this.workspace = program.newWorkspace(names.toArray(new String[0]));
        this.inputs = new double[loss.inputCount()][];
        this.gradients = new double[loss.inputCount()][];
        for (int k = 0; k < names.size(); k++) {
            gradients[parameterInput[k]] = new double[params.shape(names.get(k)).size()];
        }
        this.flatGradient = new double[params.size()];
        this.present = new boolean[params.size()];
        java.util.Arrays.fill(present, true);
    }

    /** The data inputs of the graph, in the order {@link #step(double[]...)} takes them. */
    public List<String> dataNames() {
        return List.copyOf(dataNames);
    }

    /** One training step on the named data; returns the loss before the step. */
    public double step(Map<String, double[]> data) {
        double[][] d = new double[dataNames.size()][];
        for (int k = 0; k < d.length; k++) {
            d[k] = data.get(dataNames.get(k));
            if (d[k] == null) {
                throw new LeibnizException("no data given for input '" + dataNames.get(k) + "'");
            }
        }
        return step(d);
    }

    /** One training step with the data inputs in the order of {@link #dataNames()}; returns the loss before the step. */
    public double step(double[]... data) {
        double loss = evaluateWithGradient(data);
        double[] flat = params.flatten();
        optimizer.step(flat, flatGradient, present);
        params.unflatten(flat);
        return loss;
    }

    /** The loss and its gradient (flattened like {@link Parameters#flatten()}) without changing anything. */
    public double evaluateWithGradient(double[]... data) {
        fill(data);
        double loss = program.valueAndGradient(workspace, inputs, gradients, EvalOptions.DEFAULT);
        int at = 0;
        for (int k = 0; k < parameterInput.length; k++) {
            double[] g = gradients[parameterInput[k]];
            System.arraycopy(g, 0, flatGradient, at, g.length);
            at += g.length;
        }
        return loss;
    }

    /** The last gradient computed, flattened like {@link Parameters#flatten()} (a copy). */
    public double[] lastGradient() {
        return flatGradient.clone();
    }

    /** Evaluates every output at the current parameters without a gradient. */
    public void evaluate(double[]... data) {
        fill(data);
        program.evaluate(workspace, inputs, EvalOptions.DEFAULT);
    }

    /** An output of the last evaluation or step (e.g. predictions, batch statistics). */
    public double[] output(String name) {
        return workspace.output(name);
    }

    public Graph graph() {
        return graph;
    }

    private void fill(double[][] data) {
        if (data.length != dataInput.length) {
            throw new LeibnizException("the graph takes " + dataInput.length + " data inputs " + dataNames + ", got "
                    + data.length);
        }
        List<String> names = params.names();
        for (int k = 0; k < parameterInput.length; k++) {
            inputs[parameterInput[k]] = params.values(names.get(k));
        }
        for (int k = 0; k < dataInput.length; k++) {
            inputs[dataInput[k]] = data[k];
        }
    }
}
