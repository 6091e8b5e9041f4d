const LABELS: Readonly<Record<string, string>> = {
  suppression: 'Cell suppression',
  rounding: 'Rounding',
  kAnonymity: 'k-anonymity',
  dp: 'Differential privacy',
  cellKey: 'Cell key method',
};

/**
 * The name of a protection method for people.
 * @example methodLabel('dp') // 'Differential privacy'; methodLabel('other') // 'other'
 */
export function methodLabel(method: string): string {
  return LABELS[method] ?? method;
}
