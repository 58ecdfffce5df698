package dev.leibniz.sbml.petab;

import dev.leibniz.core.Program;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.sbml.SbmlModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Crauste's observables (each a species) integrated by Hipparchus' Dormand–Prince 8(5,3) at
 * rtol 1e-13: an integrator that shares no code with Leibniz's solvers. Only the right-hand side
 * (the translated SBML, whose terms are checked by the small hand-written models) is shared.
 */
final class CrausteOracle {
    private CrausteOracle() {
    }

    static double[] observables(PetabProblem pp) {
        SbmlModel m = pp.model();
        OdeProblem prob = m.odeProblem();
        double[] p = m.parameterValues();
        for (PetabProblem.Parameter q : pp.parameters()) {
            p[m.parameterIds().indexOf(q.id())] = q.nominal();
        }
        Program f = prob.rhs().compile();
        int n = prob.stateCount();
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] in = new double[prob.rhs().inputCount()];
                for (int k = 0; k < in.length; k++) {
                    String name = prob.rhs().inputName(k);
                    int i = prob.stateNames().indexOf(name);
                    in[k] = i >= 0 ? y[i] : name.equals(OdeProblem.TIME) ? t : p[prob.parameterNames().indexOf(name)];
                }
                return f.evaluate(in);
            }
        };
        double[] out = new double[pp.measurements().size()];
        for (int i = 0; i < out.length; i++) {
            PetabProblem.Measurement me = pp.measurements().get(i);
            DormandPrince853Integrator integ = new DormandPrince853Integrator(1e-12, 10, 1e-16, 1e-13);
            double[] y = integ.integrate(ode, new ODEState(0, prob.initialState(p)), me.time()).getPrimaryState();
            // each Crauste observable is one species: observable_X = X
            out[i] = y[prob.stateNames().indexOf(pp.observables().get(me.observableId()).formula().strip())];
        }
        return out;
    }
}
