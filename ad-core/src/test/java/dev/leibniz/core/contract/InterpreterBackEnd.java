package dev.leibniz.core.contract;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;

/**
 * The fast interpreter: {@link Graph#compile()} ({@link dev.leibniz.core.ExecutionMode#INTERPRETED}),
 * default options — the generated {@code Interpreter}'s loops for scalar graphs, {@code TensorEngine} for matrix graphs.
 */
public final class InterpreterBackEnd extends ProgramBackEnd {
    public InterpreterBackEnd() {
        super(EvalOptions.DEFAULT);
    }

    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    Program program(Graph g) {
        return g.compile();
    }
}
