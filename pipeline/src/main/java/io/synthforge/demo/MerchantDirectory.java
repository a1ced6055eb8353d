package io.synthforge.demo;

import io.synthforge.provenance.KeyedPermutation;
import io.synthforge.provenance.Seeds;

import java.util.SplittableRandom;

/**
 * The fixed merchant population of one root seed, shared by every shard: ids, categories and a Zipf-like
 * popularity, with samplers for retail merchants, cash agents and transfer providers.
 */
final class MerchantDirectory {
  static final int SIZE = 300;
  private static final long SALT = 0x4d45524348414e54L;
  private static final double ZIPF_EXPONENT = 1.1;

  private final String[] ids = new String[SIZE];
  private final MerchantCategory[] categories = new MerchantCategory[SIZE];
  private final Pool retail;
  private final Pool agents;
  private final Pool providers;

  MerchantDirectory(long rootSeed) {
    SplittableRandom rng = new SplittableRandom(Seeds.derive(rootSeed, SALT, 0));
    MerchantCategory[] all = MerchantCategory.values();
    int filled = 0;
    double cumulativeShare = 0;
    for (MerchantCategory category : all) {
      cumulativeShare += category.merchantShare();
      int end = category == all[all.length - 1] ? SIZE : (int) Math.min(SIZE, Math.round(cumulativeShare * SIZE));
      while (filled < end) {
        categories[filled++] = category;
      }
    }
    for (int i = SIZE - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      MerchantCategory swap = categories[i];
      categories[i] = categories[j];
      categories[j] = swap;
    }
    KeyedPermutation idPermutation = new KeyedPermutation(1_000L, 10_000L, Seeds.derive(rootSeed, SALT, 1));
    double[] popularity = new double[SIZE];
    int[] rankInCategory = new int[all.length];
    for (int i = 0; i < SIZE; i++) {
      ids[i] = Text.prefixedDigits('M', idPermutation.apply(i), 7);
      int rank = ++rankInCategory[categories[i].ordinal()];
      popularity[i] = Math.exp(0.3 * rng.nextGaussian()) / Math.pow(rank, ZIPF_EXPONENT);
    }
    retail = Pool.of(categories, popularity, null);
    agents = Pool.of(categories, popularity, MerchantCategory.CASH_AGENT);
    providers = Pool.of(categories, popularity, MerchantCategory.P2P);
  }

  String id(int merchant) {
    return ids[merchant];
  }

  MerchantCategory category(int merchant) {
    return categories[merchant];
  }

  /** Merchants that take payments and debits, sampled by popularity. */
  Pool retail() {
    return retail;
  }

  /** Cash-in/cash-out agents, sampled by popularity. */
  Pool agents() {
    return agents;
  }

  /** Transfer providers, sampled by popularity. */
  Pool providers() {
    return providers;
  }

  /** A subset of merchants with a popularity sampler and a uniform one. */
  static final class Pool {
    private final int[] members;
    private final double[] cumulative;

    private Pool(int[] members, double[] cumulative) {
      this.members = members;
      this.cumulative = cumulative;
    }

    /** The merchants of {@code only} (or every retail merchant when null), weighted by popularity. */
    static Pool of(MerchantCategory[] categories, double[] popularity, MerchantCategory only) {
      int count = 0;
      for (MerchantCategory category : categories) {
        if (only == null ? category.isRetail() : category == only) {
          count++;
        }
      }
      int[] members = new int[count];
      double[] cumulative = new double[count];
      double total = 0;
      int next = 0;
      for (int i = 0; i < categories.length; i++) {
        if (only == null ? categories[i].isRetail() : categories[i] == only) {
          total += popularity[i];
          members[next] = i;
          cumulative[next++] = total;
        }
      }
      for (int i = 0; i < count; i++) {
        cumulative[i] /= total;
      }
      return new Pool(members, cumulative);
    }

    /** A merchant drawn by popularity. */
    int popular(SplittableRandom rng) {
      return members[Text.search(cumulative, rng.nextDouble())];
    }

    /** A merchant drawn uniformly, so usually an obscure one. */
    int uniform(SplittableRandom rng) {
      return members[rng.nextInt(members.length)];
    }
  }
}
