#!/usr/bin/env python3
"""An independent PEtab log-likelihood: SBML parsed with xml.etree, ODEs integrated by SciPy.

Written for issue 17 to settle Crauste_CellSystems2017's log-likelihood, where Leibniz and the
reference published with AMICI's benchmark tests differ by 1.2e-3. Nothing here shares code with
Leibniz: the SBML is read with the standard library's XML parser (no JSBML, no libsbml), the
right-hand side is evaluated from the MathML tree in Python, the integrators are SciPy's (DOP853:
Dormand-Prince 8(5,3); Radau: Radau IIA order 5; LSODA: ODEPACK's Adams/BDF switch; BDF: SciPy's
variable-order NDF, the nearest SciPy has to AMICI's CVODES BDF).

Supported, and refused otherwise (the script raises naming the element): SBML Level 2/3 Core
compartments (constant size), species (initialConcentration / initialAmount,
hasOnlySubstanceUnits, boundaryCondition, constant), global parameters, reactions with kinetic
laws and local parameters, MathML ci/cn/apply with plus, minus, times, divide, power, exp, ln,
log (base 10 by default); PEtab 1 single-condition problems without pre-equilibration, with
observable and noise formulas over species, parameters and numeric/parameter placeholders,
observableTransformation lin/log/log10, noiseDistribution normal/laplace. The log-likelihood is
PEtab's (petab.v1.calculate_llh_for_table): for normal noise on scale s,
  -1/2 log(2 pi sigma^2) - 1/2 ((s(y) - s(m)) / sigma)^2 - log-Jacobian of s at m,
and for Laplace  -log(2 sigma) - |s(y) - s(m)| / sigma - log-Jacobian, the log-Jacobian being
0 (lin), log(m) (log), log(m ln 10) (log10).

Run:  python3 benchmarks/scripts/petab_llh_oracle.py io-sbml/src/test/resources/petab/Crauste_CellSystems2017/Crauste_CellSystems2017.yaml
      [--method DOP853] [--rtol 1e-12] [--atol 1e-14] [--table] [--sbml-values]
Without --method it prints the llh for every method at a ladder of tolerances.
Not run by the build (SciPy is not a project dependency); its output is quoted in
io-sbml's BenchmarkProblemsTest (Crauste) and docs/petab.md ("The three benchmark problems").
"""
import argparse
import ast
import csv
import math
import os
import sys
import xml.etree.ElementTree as ET

import numpy as np
from scipy.integrate import solve_ivp

MATHML = "{http://www.w3.org/1998/Math/MathML}"


class Unsupported(Exception):
    pass


def local(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def children(el, name):
    return [c for c in el if local(c.tag) == name]


def child(el, name):
    cs = children(el, name)
    return cs[0] if cs else None


# --- MathML to a Python closure over a name -> value mapping -------------------------------------

def compile_mathml(el, where):
    tag = local(el.tag)
    if tag == "math":
        (body,) = list(el)
        return compile_mathml(body, where)
    if tag == "ci":
        name = el.text.strip()
        return lambda env: env[name]
    if tag == "cn":
        kind = el.get("type", "real")
        if kind in ("real", "integer"):
            v = float(el.text.strip())
            return lambda env: v
        if kind == "e-notation":
            mant = float(el.text.strip())
            exp = float(list(el)[0].tail.strip())
            v = mant * 10 ** exp
            return lambda env: v
        raise Unsupported(f"{where}: <cn type='{kind}'>")
    if tag == "apply":
        op, *args = list(el)
        name = local(op.tag)
        fs = [compile_mathml(a, where) for a in args if local(a.tag) not in ("logbase",)]
        if name == "plus":
            return lambda env: sum(f(env) for f in fs)
        if name == "times":
            def times(env):
                r = 1.0
                for f in fs:
                    r *= f(env)
                return r
            return times
        if name == "minus":
            if len(fs) == 1:
                return lambda env: -fs[0](env)
            a, b = fs
            return lambda env: a(env) - b(env)
        if name == "divide":
            a, b = fs
            return lambda env: a(env) / b(env)
        if name == "power":
            a, b = fs
            return lambda env: a(env) ** b(env)
        if name == "exp":
            return lambda env: math.exp(fs[0](env))
        if name == "ln":
            return lambda env: math.log(fs[0](env))
        if name == "log":
            base = child(el, "logbase")
            b = compile_mathml(list(base)[0], where) if base is not None else (lambda env: 10.0)
            return lambda env: math.log(fs[0](env)) / math.log(b(env))
        raise Unsupported(f"{where}: MathML <{name}/>")
    raise Unsupported(f"{where}: MathML <{tag}>")


# --- SBML -----------------------------------------------------------------------------------------

class Sbml:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        model = child(root, "model")
        for refused in ("listOfRules", "listOfEvents", "listOfInitialAssignments",
                        "listOfFunctionDefinitions", "listOfConstraints"):
            lst = child(model, refused)
            if lst is not None and len(lst):
                raise Unsupported(f"{path}: {refused} (not needed by the problems this script checks)")
        self.compartments = {}
        for c in list(child(model, "listOfCompartments") or []):
            if c.get("constant", "true") != "true":
                raise Unsupported(f"{path}: compartment {c.get('id')} not constant")
            self.compartments[c.get("id")] = float(c.get("size", "1"))
        self.species = []      # ids in document order: the state vector
        self.initial = {}      # initial concentration (or amount if hasOnlySubstanceUnits)
        self.species_compartment = {}
        self.only_substance = {}
        self.fixed = set()     # boundaryCondition or constant: no reaction changes them
        for s in list(child(model, "listOfSpecies") or []):
            sid, comp = s.get("id"), s.get("compartment")
            v = self.compartments[comp]
            hosu = s.get("hasOnlySubstanceUnits", "false") == "true"
            if s.get("initialConcentration") is not None:
                conc = float(s.get("initialConcentration"))
                x0 = conc * v if hosu else conc
            elif s.get("initialAmount") is not None:
                amt = float(s.get("initialAmount"))
                x0 = amt if hosu else amt / v
            else:
                raise Unsupported(f"{path}: species {sid} without an initial value")
            self.species.append(sid)
            self.initial[sid] = x0
            self.species_compartment[sid] = comp
            self.only_substance[sid] = hosu
            if s.get("boundaryCondition", "false") == "true" or s.get("constant", "false") == "true":
                self.fixed.add(sid)
        self.parameters = {}
        for p in list(child(model, "listOfParameters") or []):
            if p.get("constant", "true") != "true":
                raise Unsupported(f"{path}: parameter {p.get('id')} not constant (needs a rule)")
            self.parameters[p.get("id")] = float(p.get("value"))
        self.reactions = []    # (rate closure, local parameters, {species: net stoichiometry})
        for r in list(child(model, "listOfReactions") or []):
            rid = r.get("id")
            stoich = {}
            for lst, sign in (("listOfReactants", -1.0), ("listOfProducts", 1.0)):
                for sr in list(child(r, lst) or []):
                    if child(sr, "stoichiometryMath") is not None:
                        raise Unsupported(f"{path}: reaction {rid}: stoichiometryMath")
                    sid = sr.get("species")
                    stoich[sid] = stoich.get(sid, 0.0) + sign * float(sr.get("stoichiometry", "1"))
            kl = child(r, "kineticLaw")
            locals_ = {}
            for lname in ("listOfParameters", "listOfLocalParameters"):
                for lp in list(child(kl, lname) or []):
                    locals_[lp.get("id")] = float(lp.get("value"))
            rate = compile_mathml(child(kl, "math"), f"{path}: reaction {rid}")
            self.reactions.append((rate, locals_, stoich))

    def rhs(self, params):
        """f(t, x) for the species' concentrations (amounts where hasOnlySubstanceUnits)."""
        idx = {s: i for i, s in enumerate(self.species)}
        env0 = dict(self.compartments)
        env0.update(params)
        reactions = []
        for rate, locals_, stoich in self.reactions:
            rows = []
            for sid, nu in stoich.items():
                if sid in self.fixed:
                    continue
                # kinetic laws are in substance per time: concentrations change by rate / volume
                scale = 1.0 if self.only_substance[sid] else 1.0 / self.compartments[self.species_compartment[sid]]
                rows.append((idx[sid], nu * scale))
            reactions.append((rate, locals_, rows))
        species = self.species

        def f(t, x):
            env = dict(env0)
            env["time"] = t
            for i, s in enumerate(species):
                env[s] = x[i]
            dx = np.zeros(len(x))
            for rate, locals_, rows in reactions:
                if locals_:
                    e = dict(env)
                    e.update(locals_)
                    v = rate(e)
                else:
                    v = rate(env)
                for i, nu in rows:
                    dx[i] += nu * v
            return dx
        return f


# --- PEtab ----------------------------------------------------------------------------------------

def read_tsv(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def read_yaml_problem(path):
    """The five lists of PEtab 1's YAML, read without a YAML library (the file is flat)."""
    entries, key = {}, None
    for line in open(path):
        s = line.rstrip()
        if not s or s.lstrip().startswith("#"):
            continue
        t = s.strip().lstrip("- ").strip()
        if t.endswith(":"):
            key = t[:-1]
            entries.setdefault(key, [])
        elif ":" in t and not t.startswith("-"):
            k, v = t.split(":", 1)
            entries[k.strip()] = v.strip()
            key = None
        elif key is not None:
            entries[key].append(t)
    return entries


ALLOWED_CALLS = {"exp": math.exp, "log": math.log, "log10": math.log10, "sqrt": math.sqrt, "abs": abs}


def compile_formula(text, where):
    tree = ast.parse(text.strip().replace("^", "**"), mode="eval")
    for node in ast.walk(tree):
        ok = isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
                               ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Call))
        if not ok or (isinstance(node, ast.Call) and (not isinstance(node.func, ast.Name)
                                                      or node.func.id not in ALLOWED_CALLS)):
            raise Unsupported(f"{where}: formula construct {type(node).__name__} in '{text}'")
    code = compile(tree, where, "eval")
    return lambda env: eval(code, {"__builtins__": {}}, {**ALLOWED_CALLS, **env})


def unscale(value, scale):
    return {"lin": value, "log": math.exp(value), "log10": 10 ** value}[scale]


def llh_term(y, m, sigma, transformation, distribution):
    """PEtab 1's log-likelihood of one measurement m given simulation y and noise sigma."""
    if transformation == "lin":
        sy, sm, logjac = y, m, 0.0
    elif transformation == "log":
        sy, sm, logjac = math.log(y), math.log(m), math.log(m)
    elif transformation == "log10":
        sy, sm, logjac = math.log10(y), math.log10(m), math.log(m * math.log(10))
    else:
        raise Unsupported(f"observableTransformation {transformation}")
    if distribution == "normal":
        return -0.5 * math.log(2 * math.pi * sigma ** 2) - 0.5 * ((sy - sm) / sigma) ** 2 - logjac
    if distribution == "laplace":
        return -math.log(2 * sigma) - abs(sy - sm) / sigma - logjac
    raise Unsupported(f"noiseDistribution {distribution}")


class Problem:
    def __init__(self, yaml_path, use_sbml_values=False):
        base = os.path.dirname(os.path.abspath(yaml_path))
        y = read_yaml_problem(yaml_path)
        join = lambda name: os.path.join(base, name)
        (sbml_file,) = y["sbml_files"]
        self.sbml = Sbml(join(sbml_file))
        self.parameters = dict(self.sbml.parameters)
        for row in read_tsv(join(y["parameter_file"])):
            if not use_sbml_values:
                # nominalValue is on linear scale (PEtab 1)
                self.parameters[row["parameterId"]] = float(row["nominalValue"])
        self.observables = {}
        for f in y["observable_files"]:
            for row in read_tsv(join(f)):
                oid = row["observableId"]
                self.observables[oid] = (
                    compile_formula(row["observableFormula"], f"{f}: {oid} observableFormula"),
                    compile_formula(row["noiseFormula"], f"{f}: {oid} noiseFormula"),
                    (row.get("observableTransformation") or "lin"),
                    (row.get("noiseDistribution") or "normal"))
        self.measurements = []
        for f in y["measurement_files"]:
            for row in read_tsv(join(f)):
                if row.get("preequilibrationConditionId"):
                    raise Unsupported(f"{f}: pre-equilibration")
                self.measurements.append(row)
        conditions = {row["simulationConditionId"] for row in self.measurements}
        for f in y["condition_files"]:
            for row in read_tsv(join(f)):
                extra = [k for k in row if k not in ("conditionId", "conditionName") and row[k] != ""]
                if row["conditionId"] in conditions and extra:
                    raise Unsupported(f"{f}: condition overrides {extra}")
        if len(conditions) != 1:
            raise Unsupported(f"{len(conditions)} simulation conditions (one supported)")

    def simulate(self, method, rtol, atol):
        sb = self.sbml
        times = sorted({float(r["time"]) for r in self.measurements})
        x0 = [sb.initial[s] for s in sb.species]
        sol = solve_ivp(sb.rhs(self.parameters), (0.0, times[-1]), x0, method=method, t_eval=times,
                        rtol=rtol, atol=atol, dense_output=False)
        if not sol.success:
            raise RuntimeError(f"{method} failed: {sol.message}")
        return {t: sol.y[:, k] for k, t in enumerate(times)}, sol.nfev

    def placeholders(self, row, column, prefix):
        env = {}
        text = row.get(column) or ""
        for k, v in enumerate(text.split(";") if text else [], start=1):
            v = v.strip()
            env[f"{prefix}{k}_{row['observableId']}"] = float(v) if _is_number(v) else self.parameters[v]
        return env

    def llh(self, method, rtol, atol):
        states, nfev = self.simulate(method, rtol, atol)
        total, sims = 0.0, []
        for row in self.measurements:
            env = dict(self.sbml.compartments)
            env.update(self.parameters)
            env.update(zip(self.sbml.species, states[float(row["time"])]))
            env.update(self.placeholders(row, "observableParameters", "observableParameter"))
            env.update(self.placeholders(row, "noiseParameters", "noiseParameter"))
            obs, noise, transformation, distribution = self.observables[row["observableId"]]
            yv, sigma = obs(env), noise(env)
            sims.append((row, yv))
            total += llh_term(yv, float(row["measurement"]), sigma, transformation, distribution)
        return total, sims, nfev


def _is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("yaml")
    ap.add_argument("--method")
    ap.add_argument("--rtol", type=float, default=1e-12)
    ap.add_argument("--atol", type=float, default=1e-14)
    ap.add_argument("--table", action="store_true", help="print each row's simulation")
    ap.add_argument("--sbml-values", action="store_true",
                    help="use the SBML file's parameter values instead of the nominalValue column")
    a = ap.parse_args()
    prob = Problem(a.yaml, a.sbml_values)
    if a.method:
        llh, sims, nfev = prob.llh(a.method, a.rtol, a.atol)
        print(f"{a.method} rtol={a.rtol:g} atol={a.atol:g}: llh = {llh:.12f}  ({nfev} rhs evaluations)")
        if a.table:
            for row, yv in sims:
                print(f"{row['observableId']}\t{row['time']}\t{yv:.12g}")
        return
    for method in ("DOP853", "Radau", "LSODA", "BDF"):
        for rtol, atol in ((1e-6, 1e-8), (1e-8, 1e-16), (1e-8, 1e-8), (1e-10, 1e-12), (1e-12, 1e-14),
                           (1e-13, 1e-14)):
            if method in ("BDF", "LSODA", "Radau") and rtol < 1e-12:
                continue
            try:
                llh, _, nfev = prob.llh(method, rtol, atol)
                print(f"{method:7s} rtol={rtol:<6g} atol={atol:<6g} llh = {llh:.10f}  ({nfev} rhs evaluations)")
            except Exception as e:  # a method that cannot reach a tolerance is reported, not fatal
                print(f"{method:7s} rtol={rtol:<6g} atol={atol:<6g} failed: {e}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
