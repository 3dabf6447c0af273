import { describe, expect, it } from 'vitest';
import { coverageView, decideVerdict, type BucketView, type RunView } from '../../src/report/index.js';
import { fixtureModel, readyModel } from './fixtures/model.js';

const fullCoverage = coverageView(Object.fromEntries(coverageView({}).classes.map((c) => [c.name, 1])));

function verdictFor(run: Partial<RunView>, buckets: BucketView[], coverage = fullCoverage) {
  const base = fixtureModel().run;
  return decideVerdict({ run: { ...base, ...run }, buckets, coverage });
}

function b(over: Partial<BucketView>): BucketView {
  return { ...fixtureModel().buckets[1]!, status: 'new', kind: 'value', gating: true, runCount: 1, ...over };
}

describe('decideVerdict', () => {
  it('is ready when every rule holds', () => {
    const v = readyModel().verdict;
    expect(v).toEqual({ ready: true, headline: 'Ready for cutover', reasons: [] });
  });

  it('names each failing rule once, with the buckets behind it', () => {
    const v = fixtureModel().verdict;
    expect(v.ready).toBe(false);
    expect(v.reasons.map((r) => r.code)).toEqual(['regressions', 'engine-failures', 'open-buckets', 'coverage-gap']);
    expect(v.reasons.find((r) => r.code === 'regressions')?.buckets).toEqual([2]);
    expect(v.reasons.find((r) => r.code === 'engine-failures')?.buckets).toEqual([3]);
    expect(v.reasons.find((r) => r.code === 'open-buckets')?.buckets).toEqual([1]);
  });

  it('refuses an incomplete or empty run', () => {
    expect(verdictFor({ status: 'interrupted' }, []).reasons.map((r) => r.code)).toEqual(['run-incomplete']);
    expect(verdictFor({ records: 0 }, []).reasons.map((r) => r.code)).toEqual(['no-evidence']);
  });

  it('says coverage unknown instead of passing silently', () => {
    const v = verdictFor({}, [], coverageView(null));
    expect(v.ready).toBe(false);
    expect(v.reasons.map((r) => r.code)).toEqual(['coverage-unknown']);
  });

  it('lists the classes never exercised as a coverage gap', () => {
    const v = verdictFor({}, [], coverageView({ rotation: 1 }));
    expect(v.reasons[0]?.code).toBe('coverage-gap');
    expect(v.reasons[0]?.message).toContain('delete-races-edit');
    expect(v.reasons[0]?.message).not.toContain('rotation,');
  });

  it('counts a fuzz run\'s generated logs as coverage: a class either source exercised is no gap', () => {
    const all = Object.fromEntries(coverageView({}).classes.map((c) => [c.name, 2]));
    const { rotation: _r, load: _l, ...mostGenerated } = all;
    const both = coverageView({ rotation: 1 }, null, { logs: 40, records: 600, classes: mostGenerated });
    expect(both).toMatchObject({ known: true, replayedKnown: true, generated: { logs: 40, records: 600 } });
    expect(both.classes.find((c) => c.name === 'rotation')).toMatchObject({ count: 1, generated: 0 });
    expect(verdictFor({}, [], both).reasons.map((r) => r.message)).toEqual(['1 conflict class never exercised: load.']);
    // Replayed logs unknown, generated known: known from the generated logs alone, with the reason kept.
    const generatedOnly = coverageView(null, 'a.ndjson is no longer on disk', { logs: 40, records: 600, classes: all });
    expect(generatedOnly).toMatchObject({ known: true, replayedKnown: false, note: 'a.ndjson is no longer on disk' });
    expect(verdictFor({}, [], generatedOnly)).toMatchObject({ ready: true });
  });

  it('lets accepted, won\'t-fix and non-gating buckets through', () => {
    const v = verdictFor({}, [b({ status: 'accepted' }), b({ status: 'new', gating: false }), b({ status: 'wont-fix' })]);
    expect(v.ready).toBe(true);
  });

  it('counts only buckets this run hit: an earlier run\'s open bucket is shown, not held against it', () => {
    expect(verdictFor({}, [b({ status: 'new', runCount: 0 }), b({ kind: 'engine-hang', runCount: 0 })]).ready).toBe(true);
  });

  it('blocks on an engine failure unless it is accepted, whatever its gating flag', () => {
    expect(verdictFor({}, [b({ kind: 'engine-throw', status: 'wont-fix', gating: false })]).reasons.map((r) => r.code)).toEqual(['engine-failures']);
    expect(verdictFor({}, [b({ kind: 'engine-throw', status: 'accepted' })]).ready).toBe(true);
  });

  it('blocks on buckets still new or investigating', () => {
    expect(verdictFor({}, [b({ status: 'investigating' })]).reasons.map((r) => r.code)).toEqual(['open-buckets']);
  });
});

describe('conflict classes', () => {
  it('are the generator classifier\'s, each with a description', async () => {
    const { CONFLICT_CLASSES: generated } = await import('../../src/generate/index.js');
    const { CONFLICT_CLASSES: described } = await import('../../src/report/index.js');
    expect([...described]).toEqual([...generated]);
  });
});
