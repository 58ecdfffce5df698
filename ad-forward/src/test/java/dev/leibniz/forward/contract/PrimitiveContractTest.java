package dev.leibniz.forward.contract;

import dev.leibniz.core.contract.PrimitiveContract;

/** The primitive contract over the back ends of ad-core and ad-forward (see {@link PrimitiveContract}). */
class PrimitiveContractTest extends PrimitiveContract {
}
