import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { ReleaseLedger } from '../../src/ledger/ReleaseLedger.js';
import { verifyLedger } from '../../src/ledger/verifyLedger.js';
import { VERSION } from '../../src/version.js';
import { caught, fixedClock, freshDir, independentlyVerify, releaseRecord, sha256, sortedJson } from './helpers.js';

async function corruptLine(promise: Promise<unknown>): Promise<PrikkError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PrikkError);
  expect((e as PrikkError).code).toBe('LEDGER_CORRUPT');
  return e as PrikkError;
}

/** A ledger with `n` lines: releases with two stored files each, and every third line a spend line. */
async function ledgerWith(n: number): Promise<{ dir: string; ledger: ReleaseLedger; file: string }> {
  const dir = freshDir();
  const ledger = await ReleaseLedger.open({ dir, dataset: 'hip', now: fixedClock() });
  await ledger.withLock(async () => {
    for (let i = 1; i <= n; i++) {
      if (i % 3 === 0) {
        await ledger.append({ kind: 'spend', at: '2025-02-02T00:00:00.000Z', spent: [{ label: `s${i}`, loss: { kind: 'zcdp', rho: '1/100', delta: '0' } }] });
      } else {
        await ledger.append(releaseRecord(`r${i}`, { epsilon: '1/10' }), [
          { path: 'manifest.json', content: `{"release":"r${i}"}\n` },
          { path: 'tables/by_region.json', content: new Uint8Array([1, 2, 3, i]) },
        ]);
      }
    }
  });
  return { dir, ledger, file: join(ledger.folder, 'ledger.jsonl') };
}

describe('ReleaseLedger: the hash chain', () => {
  it('after many appends every line chains, by the ledger and by an independent check', async () => {
    const { ledger, file } = await ledgerWith(30);
    const records = await ledger.records();
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(records[0]!.prev).toBe('0'.repeat(64));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prev).toBe(records[i - 1]!.hash);
    expect(records.every((r) => r.dataset === 'hip' && r.prikkVersion === VERSION && r.format === 'prikk.ledger/1')).toBe(true);
    // The test's own implementation (sorted-key JSON.stringify + sha256) agrees on every hash.
    const text = readFileSync(file, 'utf8');
    expect(independentlyVerify(text)).toEqual({ ok: true, lines: 30 });
    // Each line is exactly the canonical JSON of its record.
    expect(text).toBe(records.map((r) => `${sortedJson(r)}\n`).join(''));
    expect(await verifyLedger({ dir: join(ledger.folder, '..'), dataset: 'hip' })).toEqual({ ok: true, records: 30, unlisted: [] });
  });

  it('records what append returned and stores the files with their sha256', async () => {
    const dir = freshDir();
    const ledger = await ReleaseLedger.open({ dir, dataset: 'hip' });
    const manifest = '{"a":1}\n';
    const appended = await ledger.withLock(() => ledger.append(releaseRecord('r1'), [{ path: 'manifest.json', content: manifest }]));
    expect(appended.stored).toEqual([{ path: 'releases/r1/manifest.json', sha256: sha256(manifest) }]);
    expect(await ledger.records()).toEqual([appended]);
    expect(Object.isFrozen(appended) && Object.isFrozen(appended.stored![0])).toBe(true);
    expect(new TextDecoder().decode(await ledger.readStored('r1', 'manifest.json'))).toBe(manifest);
    expect(readFileSync(join(dir, 'hip', 'releases', 'r1', 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('findRequest finds the first release of a fingerprint, not its reissues', async () => {
    const dir = freshDir();
    const ledger = await ReleaseLedger.open({ dir, dataset: 'hip' });
    await ledger.withLock(async () => {
      await ledger.append(releaseRecord('r1', { fingerprint: 'A' }));
      await ledger.append(releaseRecord('r2', { fingerprint: 'B' }));
      await ledger.append({ ...releaseRecord('r3', { fingerprint: 'A' }), kind: 'reissue', reissueOf: 'r1' });
    });
    expect((await ledger.findRequest('A'))?.releaseId).toBe('r1');
    expect((await ledger.findRequest('B'))?.releaseId).toBe('r2');
    expect(await ledger.findRequest('C')).toBeUndefined();
  });

  it('an empty or missing ledger has no records', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'new' });
    expect(await ledger.records()).toEqual([]);
    writeFileSync(join(ledger.folder, 'ledger.jsonl'), '');
    expect(await ledger.records()).toEqual([]);
  });
});

describe('ReleaseLedger: tampering is detected and the line named', () => {
  /** Every leaf of a JSON value, as a path of keys and indices. */
  function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
    if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
    return [path];
  }
  function edit(obj: unknown, path: (string | number)[]): unknown {
    const copy = JSON.parse(JSON.stringify(obj)) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const old = at[last];
    // A different value of the same type (for hex hashes: another hex digit, so only the chain can tell).
    at[last] = typeof old === 'number' ? old + 1 : typeof old === 'string' ? (old.startsWith('0') ? `1${old.slice(1)}` : `0${old.slice(1)}`) : old;
    if (at[last] === old) at[last] = `${String(old)}x`;
    return copy;
  }

  it('editing any field of any line (re-serialised canonically) gives LEDGER_CORRUPT naming that line', async () => {
    const { ledger, file } = await ledgerWith(6);
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n').slice(0, -1);
    let cases = 0;
    for (let i = 0; i < lines.length; i++) {
      const record = JSON.parse(lines[i]!) as unknown;
      for (const path of leaves(record)) {
        const changed = [...lines];
        changed[i] = sortedJson(edit(record, path));
        writeFileSync(file, `${changed.join('\n')}\n`);
        const e = await corruptLine(ledger.records());
        expect(e.location?.line, `line ${i + 1}, field ${path.join('.')}`).toBe(i + 1);
        expect(e.location?.file).toBe(file);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(100);
    writeFileSync(file, original);
    expect(await ledger.records()).toHaveLength(6);
  });

  it('adding white space to a line, or adding a field, is detected too', async () => {
    const { ledger, file } = await ledgerWith(3);
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    writeFileSync(file, `${[lines[0], lines[1]!.replace('{', '{ '), lines[2]].join('\n')}\n`);
    expect((await corruptLine(ledger.records())).location?.line).toBe(2);
    const withField = { ...(JSON.parse(lines[2]!) as object), note: 'x' };
    writeFileSync(file, `${[lines[0], lines[1], sortedJson(withField)].join('\n')}\n`);
    expect((await corruptLine(ledger.records())).location?.line).toBe(3);
  });

  it('deleting a line (not the last) gives LEDGER_CORRUPT at the line after the gap', async () => {
    const { ledger, file } = await ledgerWith(5);
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    for (let i = 0; i < 4; i++) {
      writeFileSync(file, `${lines.filter((_, j) => j !== i).join('\n')}\n`);
      const e = await corruptLine(ledger.records());
      expect(e.location?.line).toBe(i + 1);
      expect(e.message).toMatch(i === 0 ? /first line is not 64 zeros/ : /removed, inserted or reordered/);
    }
  });

  it('deleting the last line leaves a valid chain, but verifyLedger lists the stored files no line refers to', async () => {
    const { dir, ledger, file } = await ledgerWith(2);
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    writeFileSync(file, `${lines[0]}\n`);
    expect(await ledger.records()).toHaveLength(1);
    const v = await verifyLedger({ dir, dataset: 'hip' });
    expect(v.unlisted).toEqual(['releases/r2/manifest.json', 'releases/r2/tables/by_region.json']);
  });

  it('swapping two lines gives LEDGER_CORRUPT at the first of them', async () => {
    const { ledger, file } = await ledgerWith(5);
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    for (let i = 0; i < 4; i++) {
      const swapped = [...lines];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      writeFileSync(file, `${swapped.join('\n')}\n`);
      expect((await corruptLine(ledger.records())).location?.line).toBe(i + 1);
    }
  });

  it('truncating the ledger inside a line gives LEDGER_CORRUPT at that line', async () => {
    const { ledger, file } = await ledgerWith(4);
    const bytes = readFileSync(file);
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
    const lastStart = starts[3]!;
    // Cuts all through the last line (every 13th byte), and just before its newline.
    const cuts = [];
    for (let cut = lastStart + 1; cut < bytes.length; cut += 13) cuts.push(cut);
    cuts.push(bytes.length - 1);
    for (const cut of cuts) {
      writeFileSync(file, bytes.subarray(0, cut));
      const e = await corruptLine(ledger.records());
      expect(e.location?.line).toBe(4);
    }
    writeFileSync(file, bytes.subarray(0, starts[1]! + 10));
    expect((await corruptLine(ledger.records())).location?.line).toBe(2);
    // Bytes that are not UTF-8.
    writeFileSync(file, Buffer.concat([bytes.subarray(0, lastStart), Buffer.from([0xff, 0x0a])]));
    expect((await corruptLine(ledger.records())).message).toMatch(/line 4.*not valid UTF-8/);
  });

  it('changing a stored file: readStored and verifyLedger give LEDGER_CORRUPT naming the file and the line', async () => {
    const { dir, ledger } = await ledgerWith(4);
    const stored = join(ledger.folder, 'releases', 'r2', 'tables', 'by_region.json');
    writeFileSync(stored, new Uint8Array([1, 2, 3, 99]));
    const e = await corruptLine(ledger.readStored('r2', 'tables/by_region.json'));
    expect(e.location?.file).toBe(stored);
    expect(e.message).toMatch(/line 2 of the ledger recorded/);
    // The other files still read.
    expect(new TextDecoder().decode(await ledger.readStored('r2', 'manifest.json'))).toBe('{"release":"r2"}\n');
    const v = await verifyLedger({ dir, dataset: 'hip' });
    expect(v).toMatchObject({ ok: false, line: 2, file: 'releases/r2/tables/by_region.json' });
    expect(v.problem).toMatch(/was changed/);
  });

  it('a missing stored file is LEDGER_CORRUPT too', async () => {
    const { dir, ledger } = await ledgerWith(1);
    const stored = join(ledger.folder, 'releases', 'r1', 'manifest.json');
    writeFileSync(stored, 'x');
    const { unlinkSync } = await import('node:fs');
    unlinkSync(stored);
    expect((await corruptLine(ledger.readStored('r1', 'manifest.json'))).message).toMatch(/missing/);
    expect(await verifyLedger({ dir, dataset: 'hip' })).toMatchObject({ ok: false, line: 1, file: 'releases/r1/manifest.json' });
  });

  it('append refuses to write on a corrupt ledger', async () => {
    const { ledger, file } = await ledgerWith(2);
    const before = readFileSync(file, 'utf8');
    const broken = before.replace('"seq":2', '"seq":7');
    writeFileSync(file, broken);
    await corruptLine(ledger.withLock(() => ledger.append(releaseRecord('r9'), [{ path: 'm.json', content: 'x' }])));
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(existsSync(join(ledger.folder, 'releases', 'r9'))).toBe(false);
  });
});

describe('ReleaseLedger: arguments and rules', () => {
  async function code(p: Promise<unknown>): Promise<string | undefined> {
    return p.then(
      () => undefined,
      (e: unknown) => (e instanceof PrikkError ? e.code : String(e)),
    );
  }

  it('refuses unsafe dataset names', async () => {
    for (const dataset of ['', '.', '..', '../x', 'a/b', 'a b', 'æ']) {
      expect(await code(ReleaseLedger.open({ dir: freshDir(), dataset })), dataset).toBe('INVALID_ARGUMENT');
    }
    expect(await code(ReleaseLedger.open({ dir: '', dataset: 'x' }))).toBe('INVALID_ARGUMENT');
  });

  it('append outside withLock throws, and writes nothing', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    const e = await caught(ledger.append(releaseRecord('r1')));
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(e.message).toMatch(/withLock/);
    expect(existsSync(join(ledger.folder, 'ledger.jsonl'))).toBe(false);
  });

  it('checks records and files before writing anything', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    const bad: [unknown, unknown?][] = [
      [{ ...releaseRecord('r1'), kind: 'publish' }],
      [{ ...releaseRecord('r1'), at: 'yesterday' }],
      [{ ...releaseRecord('r1'), seq: 5 }],
      [{ ...releaseRecord('r1'), hash: 'x' }],
      [{ ...releaseRecord('r1'), stored: [] }],
      [{ ...releaseRecord('r1'), releaseId: '../escape' }],
      [{ ...releaseRecord('r1'), releaseId: undefined }],
      [{ ...releaseRecord('r1'), spent: [{ label: '', loss: { kind: 'pure', epsilon: '1' } }] }],
      [{ ...releaseRecord('r1'), spent: [{ label: 'x', loss: { kind: 'pure' } }] }],
      [{ ...releaseRecord('r1'), purpose: Number.NaN }],
      [{ kind: 'spend', at: '2025-01-01T00:00:00Z', spent: [] }],
      [{ ...releaseRecord('r1'), kind: 'reissue' }],
      [releaseRecord('r1'), [{ path: '../x', content: 'a' }]],
      [releaseRecord('r1'), [{ path: '/abs', content: 'a' }]],
      [releaseRecord('r1'), [{ path: 'a//b', content: 'a' }]],
      [releaseRecord('r1'), [{ path: 'a', content: 'a' }, { path: 'a', content: 'b' }]],
      [releaseRecord('r1'), [{ path: 'a', content: 5 }]],
      [{ kind: 'spend', at: '2025-01-01T00:00:00Z', spent: [{ label: 'x', loss: { kind: 'pure', epsilon: '1' } }] }, [{ path: 'a', content: 'a' }]],
    ];
    for (const [record, files] of bad) {
      const c = await code(ledger.withLock(() => ledger.append(record as never, files as never)));
      expect(c, JSON.stringify(record) + JSON.stringify(files)).toBe('INVALID_ARGUMENT');
    }
    expect(existsSync(join(ledger.folder, 'ledger.jsonl'))).toBe(false);
    expect(existsSync(join(ledger.folder, 'releases'))).toBe(false);
  });

  it('refuses a reused release id, an unknown reissueOf, and overwriting a stored file', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    await ledger.withLock(() => ledger.append(releaseRecord('r1'), [{ path: 'manifest.json', content: 'one' }]));
    expect(await code(ledger.withLock(() => ledger.append(releaseRecord('r1'))))).toBe('INVALID_ARGUMENT');
    expect(await code(ledger.withLock(() => ledger.append({ ...releaseRecord('r2'), kind: 'reissue', reissueOf: 'r0' })))).toBe('INVALID_ARGUMENT');
    // A file left in a release folder (e.g. by a crashed attempt) is never overwritten.
    writeFileSync(join(ledger.folder, 'releases', 'r1', 'extra.json'), 'left');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(ledger.folder, 'releases', 'r3'));
    writeFileSync(join(ledger.folder, 'releases', 'r3', 'manifest.json'), 'left over');
    expect(await code(ledger.withLock(() => ledger.append(releaseRecord('r3'), [{ path: 'manifest.json', content: 'new' }])))).toBe('IO_ERROR');
    expect(readFileSync(join(ledger.folder, 'releases', 'r3', 'manifest.json'), 'utf8')).toBe('left over');
    expect(await ledger.records()).toHaveLength(1);
    expect(readFileSync(join(ledger.folder, 'releases', 'r1', 'manifest.json'), 'utf8')).toBe('one');
  });

  it('readStored refuses unknown releases and files', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    await ledger.withLock(() => ledger.append(releaseRecord('r1'), [{ path: 'manifest.json', content: 'one' }]));
    expect(await code(ledger.readStored('r2', 'manifest.json'))).toBe('INVALID_ARGUMENT');
    expect(await code(ledger.readStored('r1', 'other.json'))).toBe('INVALID_ARGUMENT');
    expect(await code(ledger.readStored('r1', '../r1/manifest.json'))).toBe('INVALID_ARGUMENT');
  });
});
