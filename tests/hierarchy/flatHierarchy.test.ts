import { describe, expect, it } from 'vitest';
import { flatHierarchy } from '../../src/hierarchy/flatHierarchy.js';
import { thrown } from './helpers.js';

describe('flatHierarchy', () => {
  it('puts the values, in order, right under the total', () => {
    const h = flatHierarchy(['2', '1']);
    expect(h.labels).toEqual(['2', '1', 'Total']);
    expect(h.toJSON()).toEqual({ Total: ['2', '1'] });
    expect(h.levelCount).toBe(2);
    expect(flatHierarchy(['M', 'F'], { total: 'Both' }).total).toBe('Both');
  });

  it('rejects a value equal to the total, repeats, empties and non-strings', () => {
    expect(thrown(() => flatHierarchy(['Total', 'x'])).message).toMatch(/flatHierarchy: the value 'Total' on values\[0\] equals the total label/);
    expect(thrown(() => flatHierarchy(['a', 'a'])).message).toMatch(/'a' appears twice \(values\[0\] and values\[1\]\)/);
    expect(thrown(() => flatHierarchy([''])).message).toMatch(/empty label/);
    expect(thrown(() => flatHierarchy([])).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => flatHierarchy([1 as unknown as string])).message).toMatch(/values\[0\] must be a string/);
    expect(thrown(() => flatHierarchy(['a'], { total: '' })).message).toMatch(/options.total/);
  });
});
