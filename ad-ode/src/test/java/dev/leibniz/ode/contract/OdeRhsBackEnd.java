package dev.leibniz.ode.contract;

import dev.leibniz.core.contract.BackEnd;
import dev.leibniz.core.contract.Case;
import dev.leibniz.core.contract.Exactness;
import dev.leibniz.core.contract.Outcome;
import dev.leibniz.ode.JacobianStrategy;
import dev.leibniz.ode.internal.Counters;
import dev.leibniz.ode.internal.RhsFunction;

/**
 * The ODE solver's right-hand side: the case's graph as {@code dy/dt = f(y; p)} of one state
 * (input x0) with the other inputs as parameters, compiled into a {@link RhsFunction} (the tape
 * every solver step and adjoint runs). Its {@code eval} gives the value, its {@code vjp} the
 * products with the state and parameter adjoints — together vᵀJ over all inputs. Scalar graphs only.
 */
public final class OdeRhsBackEnd implements BackEnd {
    @Override
    public String name() {
        return "ode-rhs";
    }

    @Override
    public boolean supports(Case c) {
        return c.spec().isScalarGraph();
    }

    @Override
    public Outcome run(Case c) {
        double[] x = c.scalarInputs();
        int n = x.length;
        int[] source = new int[n]; // graph input j: state 0 for j = 0, parameter j − 1 (source 1 + (j − 1)) else
        for (int j = 0; j < n; j++) {
            source[j] = j;
        }
        double[] params = java.util.Arrays.copyOfRange(x, 1, n);
        RhsFunction f = new RhsFunction(c.graph(), source, 1, n - 1, params, JacobianStrategy.dense(), new Counters());
        double[] y = {x[0]};
        double[] dy = new double[1];
        f.eval(0.0, y, 0, dy, 0);
        double[] yBar = new double[1];
        double[] pBar = new double[n - 1];
        f.vjp(0.0, y, 0, c.cotangent(), 0, yBar, 0, pBar, 0);
        double[] vjp = new double[n];
        vjp[0] = yBar[0];
        System.arraycopy(pBar, 0, vjp, 1, n - 1);
        return Outcome.NOTHING.withValue(dy[0]).withScalarVjp(vjp);
    }

    @Override
    public Exactness exactness() {
        return Exactness.BITWISE;
    }
}
