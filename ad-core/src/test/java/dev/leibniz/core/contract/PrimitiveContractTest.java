package dev.leibniz.core.contract;

/** The primitive contract over ad-core's back ends (see {@link PrimitiveContract}). */
class PrimitiveContractTest extends PrimitiveContract {
}
