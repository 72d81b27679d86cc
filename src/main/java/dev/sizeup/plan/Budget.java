package dev.sizeup.plan;

import dev.sizeup.spec.Bounds;

/**
 * What a plan starts from. Each variant checks its own range (a budget beyond them is a typing
 * error, and would overflow what follows) and knows how to turn itself into training FLOPs.
 */
public sealed interface Budget {

  /** Training compute beyond this is refused: about 10^13 times the largest training run to date. */
  double MAX_FLOPS = 1e40;

  /**
   * Training compute below this is refused: one FLOP. Far smaller values (4.9e-324) leave so few bits
   * that the allocations computed from them underflow to 0 or overflow to infinity.
   */
  double MIN_FLOPS = 1;

  /** The budget's kind in JSON output, in the output's enum style (kebab-case). */
  String kind();

  /** A compute budget in FLOPs. */
  record Compute(double flops) implements Budget {
    public Compute {
      Bounds.check("compute", flops, MIN_FLOPS, true, MAX_FLOPS, "FLOPs");
    }

    @Override
    public String kind() {
      return "compute";
    }
  }

  /** A fleet for a time: C = N · 24 · D GPU-hours at peak × MFU. */
  record Fleet(long gpus, double days) implements Budget {
    public Fleet {
      Bounds.check("gpus", gpus, 1, 10_000_000, "accelerators");
      Bounds.check("days", days, 1e-6, true, 36_500, "days");
    }

    @Override
    public String kind() {
      return "fleet";
    }
  }

  /** Dollars: GPU-hours = dollars / price per GPU-hour. */
  record Dollars(double usd) implements Budget {
    public Dollars {
      Bounds.check("budget_usd", usd, 0.01, true, 1e15, "USD");
    }

    @Override
    public String kind() {
      return "budget-usd";
    }
  }

  /** A loss to reach: the least compute whose optimal allocation reaches it. */
  record TargetLoss(double loss) implements Budget {
    public TargetLoss {
      Bounds.check("target_loss", loss, 0, false, 100, "nats/token");
    }

    @Override
    public String kind() {
      return "target-loss";
    }
  }
}
