package io.synthforge.demo;

import java.util.Locale;

/**
 * What a simulated merchant sells, with the share of the merchant population it takes and the lognormal shape
 * (median, sigma) of its ticket sizes. {@link #CASH_AGENT} merchants serve cash-in/cash-out and {@link #P2P}
 * merchants are the providers that route transfers; every other category takes payments and debits.
 */
public enum MerchantCategory {
  GROCERY(0.19, 38.0, 0.7),
  RESTAURANT(0.15, 24.0, 0.6),
  FUEL(0.08, 45.0, 0.4),
  PHARMACY(0.06, 22.0, 0.7),
  CLOTHING(0.08, 60.0, 0.8),
  ELECTRONICS(0.05, 160.0, 1.0),
  TRAVEL(0.04, 290.0, 0.9),
  ONLINE(0.12, 45.0, 1.0),
  ENTERTAINMENT(0.05, 30.0, 0.8),
  UTILITIES(0.03, 85.0, 0.5),
  CASH_AGENT(0.14, 0.0, 0.0),
  P2P(0.01, 0.0, 0.0);

  private final double merchantShare;
  private final double medianAmount;
  private final double amountSigma;
  private final String key = name().toLowerCase(Locale.ROOT);

  MerchantCategory(double merchantShare, double medianAmount, double amountSigma) {
    this.merchantShare = merchantShare;
    this.medianAmount = medianAmount;
    this.amountSigma = amountSigma;
  }

  /** The lower-case name written to the log (e.g. {@code grocery}, {@code cash_agent}). */
  public String key() {
    return key;
  }

  /** Whether merchants of this category take payments and debits (not cash or transfer services). */
  public boolean isRetail() {
    return this != CASH_AGENT && this != P2P;
  }

  /** The fraction of the merchant population in this category. */
  double merchantShare() {
    return merchantShare;
  }

  /** The median ticket, in currency units, for an average customer. */
  double medianAmount() {
    return medianAmount;
  }

  /** The sigma of the log of the ticket size. */
  double amountSigma() {
    return amountSigma;
  }
}
