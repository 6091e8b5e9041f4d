import { PrikkError } from '../../../errors/PrikkError.js';
import { add, compare, describeRational, type Rational, sub, ZERO } from '../rational/Rational.js';
import { convertLoss } from './convertLoss.js';
import { describeLoss, type PrivacyLoss } from './PrivacyLoss.js';

/** One spending: what was asked (in the mechanism's terms), what it cost in the budget's terms, and when. */
export interface SpendRecord {
  /** What the spending was for, e.g. `dpCrossTable persons by hospital × year`. */
  readonly label: string;
  /** The mechanism's own loss. */
  readonly loss: PrivacyLoss;
  /** The loss in the budget's kind (see `convertLoss`); this is what was subtracted. */
  readonly charged: PrivacyLoss;
  /** ISO 8601 time of the spending. */
  readonly at: string;
}

/** The options of {@link BudgetAccountant}. */
export interface BudgetAccountantOptions {
  /** Required. The total that may be spent: `pureDp(ε)`, `zcdp(ρ, δ?)` or `approxDp(ε, δ)`. */
  readonly total: PrivacyLoss;
  /** Defaults to nothing. Losses already spent (from earlier releases of the same data, e.g. read from a ledger). */
  readonly alreadySpent?: readonly PrivacyLoss[];
  /** Defaults to `() => new Date()`. The clock for {@link SpendRecord.at} (tests pass a fixed one). */
  readonly now?: () => Date;
}

interface Parts {
  readonly a: Rational; // ε or ρ
  readonly b: Rational; // δ (0 for pure)
}

function parts(loss: PrivacyLoss): Parts {
  switch (loss.kind) {
    case 'pure':
      return { a: loss.epsilon, b: ZERO };
    case 'zcdp':
      return { a: loss.rho, b: loss.delta };
    case 'approx':
      return { a: loss.epsilon, b: loss.delta };
  }
}

function fromParts(kind: PrivacyLoss['kind'], p: Parts): PrivacyLoss {
  switch (kind) {
    case 'pure':
      return Object.freeze({ kind, epsilon: p.a });
    case 'zcdp':
      return Object.freeze({ kind, rho: p.a, delta: p.b });
    case 'approx':
      return Object.freeze({ kind, epsilon: p.a, delta: p.b });
  }
}


/**
 * Keeps the privacy budget of a release (or of a dataset, across releases) and refuses to overspend. Spending is
 * exact rational arithmetic, so no rounding can let the total creep past the budget. Losses compose by sequential
 * composition: ε adds up for pure DP (Dwork et al. 2006), ρ and δ add up for (approximate) zCDP (Bun & Steinke 2016,
 * Lemma 1.7 / Lemma 8.3), ε and δ add up for approximate DP (basic composition, Dwork & Roth 2014, Theorem 3.16).
 * A mechanism's loss is first expressed in the budget's kind with `convertLoss`.
 *
 * Mechanisms spend through their `evaluate()` (a query that is never evaluated spends nothing). The accountant is
 * not persistent: `DatasetBudget` loads and stores spending through a `BudgetLedger`.
 *
 * Source: the accountant and its error follow Tumult Analytics' `Session` (budget spent only on evaluation; the error
 * shows requested, remaining and the difference) and OpenDP's odometers.
 *
 * Cost: O(1) BigInt operations per spending.
 *
 * @example
 * const acc = new BudgetAccountant({ total: pureDp(1) });
 * acc.spend(pureDp('0.4'), 'counts');
 * describeLoss(acc.remaining) // 'ε = 3/5 (0.6)'
 * acc.spend(pureDp('0.7'), 'sums')
 * // throws BUDGET_EXCEEDED: "BudgetAccountant: 'sums' requests ε = 7/10 (0.7) but only ε = 3/5 (0.6) remains
 * //   (over by ε by 1/10 (0.1)); nothing was spent"
 */
export class BudgetAccountant {
  /** The total budget. */
  readonly total: PrivacyLoss;
  private spentParts: Parts;
  private readonly log: SpendRecord[] = [];
  private readonly now: () => Date;

  /**
   * @throws {PrikkError} `INVALID_ARGUMENT` when an already-spent loss cannot be expressed in the total's kind;
   * `BUDGET_EXCEEDED` when the already-spent losses exceed the total.
   */
  constructor(options: BudgetAccountantOptions) {
    if (!options || !options.total || !['pure', 'zcdp', 'approx'].includes(options.total.kind)) {
      throw new PrikkError('INVALID_ARGUMENT', 'BudgetAccountant: total: expected a privacy budget from pureDp, zcdp or approxDp');
    }
    this.total = options.total;
    this.now = options.now ?? (() => new Date());
    let spent: Parts = { a: ZERO, b: ZERO };
    for (const loss of options.alreadySpent ?? []) {
      const p = parts(convertLoss(loss, this.total.kind));
      spent = { a: add(spent.a, p.a), b: add(spent.b, p.b) };
    }
    const t = parts(this.total);
    if (compare(spent.a, t.a) > 0 || compare(spent.b, t.b) > 0) {
      throw new PrikkError(
        'BUDGET_EXCEEDED',
        `BudgetAccountant: earlier spending (${describeLoss(fromParts(this.total.kind, spent))}) already exceeds the total (${describeLoss(this.total)})`,
      );
    }
    this.spentParts = spent;
  }

  /** Everything spent so far (including `alreadySpent`), in the total's kind. */
  get spent(): PrivacyLoss {
    return fromParts(this.total.kind, this.spentParts);
  }

  /** What may still be spent, in the total's kind. */
  get remaining(): PrivacyLoss {
    const t = parts(this.total);
    return fromParts(this.total.kind, { a: sub(t.a, this.spentParts.a), b: sub(t.b, this.spentParts.b) });
  }

  /** The spendings made through this accountant (not `alreadySpent`), oldest first. */
  get records(): readonly SpendRecord[] {
    return [...this.log];
  }

  /**
   * Whether `loss` fits in what remains.
   * @throws {PrikkError} `INVALID_ARGUMENT` when the loss cannot be expressed in the budget's kind.
   */
  canSpend(loss: PrivacyLoss): boolean {
    const c = parts(convertLoss(loss, this.total.kind));
    const r = parts(this.remaining);
    return compare(c.a, r.a) <= 0 && compare(c.b, r.b) <= 0;
  }

  /**
   * Subtracts `loss` from the budget, or refuses with an error that shows what was requested, what remains and the
   * difference. Nothing is subtracted when it refuses.
   *
   * @throws {PrikkError} `BUDGET_EXCEEDED` when the loss does not fit; `INVALID_ARGUMENT` when it cannot be expressed
   * in the budget's kind or the label is empty.
   */
  spend(loss: PrivacyLoss, label: string): SpendRecord {
    if (typeof label !== 'string' || label.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', 'BudgetAccountant.spend: expected a non-empty label');
    }
    const charged = convertLoss(loss, this.total.kind);
    const c = parts(charged);
    const r = parts(this.remaining);
    const overA = sub(c.a, r.a);
    const overB = sub(c.b, r.b);
    if (overA.num > 0n || overB.num > 0n) {
      const name = this.total.kind === 'zcdp' ? 'ρ' : 'ε';
      const over: string[] = [];
      if (overA.num > 0n) over.push(`${name} ${describeRational(overA)}`);
      if (overB.num > 0n) over.push(`δ ${describeRational(overB)}`);
      const converted = charged === loss ? '' : ` (as ${describeLoss(charged)})`;
      throw new PrikkError(
        'BUDGET_EXCEEDED',
        `${label} requests ${describeLoss(loss)}${converted} but only ${describeLoss(this.remaining)} of ${describeLoss(this.total)} remains (${over.join(' and ')} too much); nothing was spent`,
      );
    }
    this.spentParts = { a: add(this.spentParts.a, c.a), b: add(this.spentParts.b, c.b) };
    const record: SpendRecord = Object.freeze({ label, loss, charged, at: this.now().toISOString() });
    this.log.push(record);
    return record;
  }
}
