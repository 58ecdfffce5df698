package dev.leibniz.ode.contract;

import dev.leibniz.core.contract.PrimitiveContract;

/**
 * The primitive contract over every library back end: those of ad-core, ad-forward, ad-sparse
 * and ad-ode (see {@link PrimitiveContract}).
 */
class PrimitiveContractTest extends PrimitiveContract {
}
