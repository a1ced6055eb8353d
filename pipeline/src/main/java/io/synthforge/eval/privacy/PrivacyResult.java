package io.synthforge.eval.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distance to closest record (DCR) and copy checks. Distances are Euclidean over one-hot categoricals ⊕ continuous
 * values min-max scaled by the real training range (a category mismatch adds √2, a full-range numeric gap adds 1).
 * Holdout figures are NaN when no holdout was given.
 *
 * @param referenceRows real training rows searched (sampled down to the reference cap)
 * @param syntheticSampled synthetic rows whose DCR was measured (sampled down to the sample cap)
 * @param holdoutSampled holdout rows whose DCR was measured (0 without a holdout)
 * @param syntheticDcrP5 5th percentile of synthetic DCRs
 * @param syntheticDcrP50 median synthetic DCR
 * @param holdoutDcrP5 5th percentile of holdout DCRs: how close genuinely new rows come to the training rows
 * @param holdoutDcrP50 median holdout DCR
 * @param closerThanHoldoutP5 share of synthetic rows strictly closer to a training row than {@code holdoutDcrP5}
 *     (about 0.05 for a generator that does not memorise)
 * @param exactCopies synthetic rows equal to some training row on every learned column (all rows, not sampled)
 * @param exactCopyRate {@code exactCopies} over all synthetic rows
 * @param piiMatches per identifier column, synthetic rows whose value occurs in the training data (must be 0)
 * @param piiMatchTotal sum of {@code piiMatches}
 */
public record PrivacyResult(
    long referenceRows,
    long syntheticSampled,
    long holdoutSampled,
    double syntheticDcrP5,
    double syntheticDcrP50,
    double holdoutDcrP5,
    double holdoutDcrP50,
    double closerThanHoldoutP5,
    long exactCopies,
    double exactCopyRate,
    Map<String, Long> piiMatches,
    long piiMatchTotal) {
  public static final String DISTANCE = "euclidean(one-hot categoricals + min-max scaled numbers)";

  public PrivacyResult {
    piiMatches = Collections.unmodifiableMap(new LinkedHashMap<>(piiMatches));
  }
}
