package dev.leibniz.sparse.contract;

import dev.leibniz.core.contract.PrimitiveContract;

/** The primitive contract over the back ends of ad-core, ad-forward and ad-sparse (see {@link PrimitiveContract}). */
class PrimitiveContractTest extends PrimitiveContract {
}
