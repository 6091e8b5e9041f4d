/**
 * sdcTable's reference table (region A-D x gender, with totals; counts male/female A 18/2, B 14/19, C 12/10,
 * D 11/14) in the cell-table JSON form, as another tool might write it: the cells in `hidden` (keys like
 * `A/female`) carry a status and no value (`A/female` primary, the others secondary); every other cell is
 * published with the value fields `valueOf(count)` returns (e.g. `{ persons: count }`).
 */
export function sdcTableJson(hidden: ReadonlySet<string>, valueOf: (count: number) => object, header: object = {}): object {
  const counts: Record<string, [number, number]> = { A: [18, 2], B: [14, 19], C: [12, 10], D: [11, 14] };
  const cells: object[] = [];
  const put = (region: string, gender: string, count: number): void => {
    const key = `${region}/${gender}`;
    cells.push(hidden.has(key) ? { coords: { region, gender }, status: key === 'A/female' ? 'primary' : 'secondary' } : { coords: { region, gender }, ...valueOf(count), status: 'published' });
  };
  let male = 0;
  let female = 0;
  for (const [region, [m, f]] of Object.entries(counts)) {
    put(region, 'male', m);
    put(region, 'female', f);
    put(region, 'Total', m + f);
    male += m;
    female += f;
  }
  put('Total', 'male', male);
  put('Total', 'female', female);
  put('Total', 'Total', male + female);
  return {
    format: 'prikk.cell-table/1',
    ...header,
    dimensions: [
      { name: 'region', total: 'Total', hierarchy: { Total: ['A', 'B', 'C', 'D'] } },
      { name: 'gender', total: 'Total', hierarchy: { Total: ['male', 'female'] } },
    ],
    cells,
  };
}
