package io.synthforge.eval.quality;

/**
 * How a relation between columns (declared, or discovered in the real data) holds in the real and in the
 * synthetic table.
 *
 * @param relation the relation's text, e.g. {@code newbalance_orig = oldbalance_org - amount when type in (DEBIT)}
 * @param kind formula, equality, inequality, range, decimals or fixed-combinations
 * @param origin declared or discovered
 * @param enforced whether sampling enforced it
 * @param realRows real rows it applies to
 * @param realSupport the share of those that satisfy it (1 when none)
 * @param syntheticRows synthetic rows it applies to
 * @param syntheticSupport the share of those that satisfy it (1 when none)
 */
public record RelationSupport(
    String relation,
    String kind,
    String origin,
    boolean enforced,
    long realRows,
    double realSupport,
    long syntheticRows,
    double syntheticSupport) {}
