import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../src/report/index.js';
import { HOSTILE, IMG, SCRIPT, fixtureModel, readyModel } from './fixtures/model.js';
import { xmlProblems, xmlUnescape } from './xml-check.js';

const render = (m = fixtureModel()) => reporterFor('junit')!.render(m);

describe('junit reporter', () => {
  it('is well-formed XML even with hostile values', () => {
    expect(xmlProblems(render())).toEqual([]);
    expect(xmlProblems(render(readyModel()))).toEqual([]);
  });

  it('has a verdict suite, then one suite per log and one case per document', () => {
    const xml = render();
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [xmlUnescape(m[1]!), m[2], m[3]]);
    expect(suites).toEqual([
      ['parity verdict', '1', '1'],
      [`logs/${IMG}.ndjson`, '4', '2'],
    ]);
    const cases = [...xml.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => xmlUnescape(m[1]!));
    expect(cases).toEqual(['cutover verdict', SCRIPT, 'd2', 'd3', 'd4']);
    expect(xml).toMatch(/<testsuites name="parity run #2" tests="5" failures="3"/);
  });

  it('writes one failure per bucket hit, and tolerated buckets to system-out', () => {
    const xml = render();
    const failures = [...xml.matchAll(/<failure message="([^"]*)" type="([^"]*)">([^<]*)<\/failure>/g)];
    expect(failures.map((f) => f[2])).toEqual(['verdict', 'value', 'engine-hang']);
    const hostile = failures[1]!;
    expect(xmlUnescape(hostile[1]!)).toBe(`value at nodes[*].props.name: ${HOSTILE.replace('\u0001', '')}`);
    expect(xmlUnescape(hostile[3]!)).toContain(`reproduce: parity replay --doc '${SCRIPT}'`);
    expect(xml).toContain('<system-out>tolerated divergences:\nfloat drift at bounds');
    expect(xml).toContain('<skipped message="replay stopped before this document finished"/>');
  });

  it('passes every case of a ready run', () => {
    expect(render(readyModel())).toMatch(/<testsuites name="parity run #2" tests="1" failures="0"/);
  });
});
