import { describe, expect, it } from 'vitest';
import { reporterFor, REPORT_FORMATS } from '../../src/report/index.js';
import { fixtureModel } from './fixtures/model.js';

describe('json reporter', () => {
  it('is the model itself, with keys sorted at every level', () => {
    const model = fixtureModel();
    const text = reporterFor('json')!.render(model);
    expect(JSON.parse(text)).toEqual(model);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(text.indexOf('"buckets"')).toBeLessThan(text.indexOf('"verdict"'));
  });

  it('prints equal models as equal text whatever their key order', () => {
    const a = fixtureModel();
    const b = Object.fromEntries(Object.entries(fixtureModel()).reverse()) as typeof a;
    expect(reporterFor('json')!.render(b)).toBe(reporterFor('json')!.render(a));
  });
});

describe('reporter table', () => {
  it('knows the four formats and nothing inherited', () => {
    expect(REPORT_FORMATS).toEqual(['html', 'md', 'junit', 'json']);
    expect(reporterFor('toString')).toBeUndefined();
    expect(reporterFor('junit')?.extension).toBe('xml');
  });
});
