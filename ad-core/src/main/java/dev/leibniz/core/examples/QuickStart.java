package dev.leibniz.core.examples;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import dev.leibniz.core.passes.OptimizationReport;
import dev.leibniz.core.passes.Passes;

/**
 * The first thing to run: traces f(x, y) = sin(x²)·eʸ + x², prints its graph, its gradient at
 * a point by reverse mode, and the gradient as a graph of its own, optimized.
 *
 * <pre>mvn -q -pl ad-core compile exec:java</pre>
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        Graph f = Graph.trace(v -> {
            Var x = v[0];
            Var y = v[1];
            return x.square().sin().mul(y.exp()).add(x.square());
        }, "x", "y");
        System.out.println("The function as a graph:");
        System.out.print(f);

        Gradient g = f.compile().gradient(1.5, 0.5);
        System.out.println();
        System.out.println("At (x, y) = (1.5, 0.5): " + g);

        Graph df = ReverseMode.gradientGraph(f);
        System.out.println();
        OptimizationReport optimized = Passes.optimize(df);
        System.out.println("The gradient is itself a graph; after constant folding, CSE and dead-code elimination");
        System.out.println("(" + optimized + "):");
        System.out.print(optimized.graph());
    }
}
