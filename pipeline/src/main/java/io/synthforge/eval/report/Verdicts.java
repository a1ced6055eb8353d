package io.synthforge.eval.report;

import io.synthforge.eval.privacy.PrivacyResult;

/** One-line readings of the headline numbers, so the report says what a number means. */
public final class Verdicts {
  private Verdicts() {}

  /** Reading of an SDMetrics quality (or shapes / pair trends) score. */
  public static String quality(double score) {
    if (Double.isNaN(score)) {
      return "not computed";
    }
    if (score >= 0.9) {
      return "close to the real data";
    }
    if (score >= 0.8) {
      return "good, with visible differences";
    }
    if (score >= 0.6) {
      return "fair: distributions or relations drift from the real data";
    }
    return "poor: the synthetic data does not look like the real data";
  }

  /** Reading of a synthetic/real utility ratio. */
  public static String utility(double ratio) {
    if (Double.isNaN(ratio)) {
      return "not computed";
    }
    if (ratio >= 0.95) {
      return "models trained on synthetic data do as well as on real data";
    }
    if (ratio >= 0.85) {
      return "a small loss of predictive utility";
    }
    return "a large loss of predictive utility";
  }

  /** Reading of the share of valid synthetic rows. */
  public static String validity(double share) {
    if (Double.isNaN(share)) {
      return "not computed";
    }
    if (share >= 0.98) {
      return "synthetic values stay inside the real domain";
    }
    if (share >= 0.9) {
      return "some synthetic values fall outside the real categories or ranges";
    }
    return "many synthetic values fall outside the real categories or ranges";
  }

  /** Reading of the privacy figures. */
  public static String privacy(PrivacyResult privacy) {
    if (privacy.piiMatchTotal() > 0) {
      return "identifier values of the training data appear in the synthetic data";
    }
    if (privacy.exactCopyRate() > 0.001) {
      return "the synthetic data copies training rows";
    }
    double closer = privacy.closerThanHoldoutP5();
    if (Double.isNaN(closer)) {
      return "no copies; without a holdout, distances have no baseline";
    }
    if (closer <= 0.06) {
      return "no sign of memorisation: synthetic rows are no closer to training rows than new real rows are";
    }
    if (closer <= 0.15) {
      return "some synthetic rows sit unusually close to training rows";
    }
    return "synthetic rows sit much closer to training rows than new real rows do: likely memorisation";
  }
}
