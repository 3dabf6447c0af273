import { describe, expect, it } from 'vitest';
import { reporterFor } from '../../src/report/index.js';
import { fixtureModel, readyModel } from './fixtures/model.js';

const render = (m = fixtureModel()) => reporterFor('md')!.render(m);

describe('markdown reporter', () => {
  it('leads with the verdict and lists the reasons', () => {
    const md = render();
    expect(md.split('\n')[0]).toBe('## ❌ NOT READY: Not ready for cutover');
    expect(md).toContain('### Why');
    expect(md).toContain('- 1 bucket regressed');
    expect(render(readyModel()).split('\n')[0]).toBe('## ✅ READY: Ready for cutover');
  });

  it('lists new and regressed buckets only, each row keeping its six cells', () => {
    const md = render();
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| 1', '| 2']);
    for (const row of rows) {
      // Unescaped pipes delimit cells: 7 of them for 6 cells.
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
    }
  });

  it('escapes hostile values: markup only inside code spans, where it is text', () => {
    const md = render();
    // CommonMark renders a code span literally; outside one, no raw markup may remain.
    const outsideCode = md.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toContain('<');
    expect(md).toContain('value at nodes\\[\\*\\].props.name: &lt;img src=x onerror="window.\\_\\_pwned=1"&gt;');
    expect(md).toContain("`` mutant:<img src=x onerror=\"window.__pwned=1\"> ``".replace(/`` | ``/g, '`'));
  });

  it('gives the performance ratios and the coverage gaps', () => {
    const md = render();
    expect(md).toContain('| throughput | | | 0.50× |');
    expect(md).toContain('| p99 | 16 µs | 32 µs | 2.00× |');
    expect(md).toMatch(/2 of 17 conflict classes exercised\. Gaps: `delete-races-edit`|3 of 17/);
  });
});
