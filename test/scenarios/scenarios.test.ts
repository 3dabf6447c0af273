/**
 * The scenario corpus: each log's golden file must match the reference, and each scenario's key
 * facts are stated here explicitly, so a wrong golden file cannot pass silently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalNode as node, messagesAt, outcomeAt as at, resolvedAt } from './facts.js';
import { SCENARIO_DIR, goldenText, readScenario, runScenario, scenarioNames } from './run.js';

const o = (name: string) => runScenario(name);

describe('the corpus', () => {
  it('holds at least 15 scenarios, each with a scenario header, a note and a golden file that matches', () => {
    const names = scenarioNames();
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) {
      expect(name).toMatch(/^\d\d-[a-z0-9-]+$/);
      const header = JSON.parse(readFileSync(new URL(`${name}.ndjson`, SCENARIO_DIR), 'utf8').split('\n')[0]!);
      expect(header).toMatchObject({ oplog: 1, source: 'scenario' });
      expect(header.note.length).toBeGreaterThan(20);
      const golden = readFileSync(new URL(`${name}.expected.json`, SCENARIO_DIR), 'utf8');
      expect(golden === goldenText(runScenario(name)), `${name}: golden differs; see test/scenarios/regen.ts`).toBe(true);
    }
  });

  it('every record has a doc and a kind, and every connect answers a snapshot first', () => {
    for (const name of scenarioNames()) {
      const outcome = runScenario(name);
      const { records } = readScenario(name);
      records.forEach((r, i) => {
        expect(typeof r.doc).toBe('string');
        if (r.kind === 'connect') expect(outcome.steps[i]!.messages[0]!.kind).toBe('snapshot');
      });
    }
  });
});

describe('scenario facts', () => {
  it('01 a delete between the x and y updates of one node', () => {
    const s = o('01-delete-between-updates');
    expect(at(s, 5)).toBe('applied');
    expect(at(s, 6)).toBe('applied');
    expect(messagesAt(s, 7)).toEqual([{ to: ['alice'], kind: 'nack', cseq: 4, reason: 'unknown-node' }]);
    expect(s.trees['d1']!.seq).toBe(4);
    expect(s.trees['d1']!.nodes['alice:2']).toBeUndefined();
  });

  it('02 two creates at index 2 with base: the later one lands at 3', () => {
    const s = o('02-same-index-with-base');
    expect(resolvedAt(s, 9).index).toBe(2);
    expect(resolvedAt(s, 10).index).toBe(3);
    expect(node(s, 'a:f').children).toEqual(['a:r0', 'a:r1', 'a:x', 'b:y', 'a:r2', 'a:r3']);
  });

  it('03 the same creates without base: the later one lands at 2, below the first', () => {
    const s = o('03-same-index-without-base');
    expect(resolvedAt(s, 10).index).toBe(2);
    expect(node(s, 'a:f').children).toEqual(['a:r0', 'a:r1', 'b:y', 'a:x', 'a:r2', 'a:r3']);
  });

  it('04 two moves of one node into different groups: the later parent wins, positions compose', () => {
    const s = o('04-two-moves-one-node');
    expect(at(s, 8)).toBe('applied');
    expect(at(s, 9)).toBe('applied');
    expect(node(s, 'a:r').parent).toBe('a:g2');
    expect(node(s, 'a:g1').children).toEqual([]);
    expect(node(s, 'a:r').props.x).toBe(-98.5); // 1.5 -> (0 + 1.5) - 10 = -8.5 -> (10 + -8.5) - 100
    expect(node(s, 'a:r').props.y).toBe(-5);
    expect(node(s, 'a:g2').bounds).toEqual([-98.5, -5, -94.5, -1]);
  });

  it('05 moves into the node itself or a descendant are cycle; root moves and deletes', () => {
    const s = o('05-move-cycles');
    expect(at(s, 7)).toBe('cycle'); // outer into its grandchild
    expect(at(s, 8)).toBe('cycle'); // outer into itself
    expect(at(s, 9)).toBe('invalid-parent'); // a PAGE into a FRAME: type rule before cycle
    expect(at(s, 12)).toBe('applied'); // s2 into s1
    expect(at(s, 13)).toBe('cycle'); // s1 into s2, now inside s1
    expect(at(s, 14)).toBe('invalid-parent'); // moving the root
    expect(at(s, 15)).toBe('root'); // deleting the root
    expect(node(s, 'a:s2').parent).toBe('a:s1');
    expect(node(s, 'a:p').children).toEqual(['a:outer', 'a:s1']);
  });

  it('06 a move across parents with non-integer coordinates', () => {
    const s = o('06-move-noninteger');
    expect(node(s, 'a:r').parent).toBe('a:g');
    expect(node(s, 'a:r').props.x).toBe(-0.9);
    expect(node(s, 'a:r').props.y).toBe(0.5999999999999999);
    expect(resolvedAt(s, 8)).toEqual({ type: 'MOVE_NODE', node: 'a:r', parent: 'a:g', index: 0 }); // same parent: untouched
  });

  it('07 nested constraints', () => {
    const s = o('07-nested-constraints');
    const p = (id: string) => node(s, id).props;
    expect(p('a:A')).toMatchObject({ x: 25, width: 100, y: 0, height: 100 }); // SCALE h, STRETCH v
    expect(p('a:B')).toMatchObject({ x: 0, width: 80, y: 25, height: 20 }); // STRETCH h (recursed), CENTER v
    expect(p('a:r1')).toMatchObject({ x: 61, y: 1 }); // B's height did not change: no vertical recursion
    expect(p('a:r2')).toMatchObject({ x: 32, y: 2, width: 6, height: 6 });
    expect(p('a:r3')).toMatchObject({ x: 78, y: 53 });
    expect(p('a:z')).toMatchObject({ x: 0.8, width: 1 }); // first SCALE from 0 did nothing, then 10 -> 2
    expect(p('a:st').width).toBe(0); // STRETCH clamps at 0
    expect(at(s, 11)).toBe('applied'); // same width: applied, runs nothing
  });

  it('08 rotated children in bounds', () => {
    const s = o('08-rotated-bounds');
    const rot = (x: number, y: number, w: number, h: number, r: number) => {
      const t = (r * Math.PI) / 180;
      const pts = [[-(w / 2), -(h / 2)], [w / 2, -(h / 2)], [w / 2, h / 2], [-(w / 2), h / 2]].map(([dx, dy]) => [
        x + w / 2 + dx! * Math.cos(t) - dy! * Math.sin(t), y + h / 2 + dx! * Math.sin(t) + dy! * Math.cos(t)]);
      return [Math.min(...pts.map((q) => q[0]!)), Math.min(...pts.map((q) => q[1]!)), Math.max(...pts.map((q) => q[0]!)), Math.max(...pts.map((q) => q[1]!))];
    };
    expect(node(s, 'a:g').bounds).toEqual([50, 0, 60, 1]); // the group's own rotation does not apply
    expect(node(s, 'a:empty').bounds).toBeNull();
    const parts = [rot(10, 10, 10, 20, 90), rot(100, 100, 10, 20, 45), rot(-5, -5, 10, 10, 360), rot(200, 200, 10, 10, 90), [250, 200, 260, 201], [-20, 300, -19, 301]];
    const expected = [Math.min(...parts.map((b) => b[0]!)), Math.min(...parts.map((b) => b[1]!)), Math.max(...parts.map((b) => b[2]!)), Math.max(...parts.map((b) => b[3]!))];
    expect(node(s, 'a:f').bounds).toEqual(expected);
    expect(expected[0]).toBe(-20);
    expect(expected[1]).not.toBe(-5); // 360 degrees goes through the formula: -5 drifts
  });

  it('09 a retransmitted cseq after a reconnect', () => {
    const s = o('09-retransmit-after-reconnect');
    expect(messagesAt(s, 5)).toEqual([{ to: ['bob'], kind: 'presence', client: 'alice', state: 'left' }]);
    expect(at(s, 6)).toBe('not-connected');
    expect(messagesAt(s, 6)[0]!.to).toEqual(['alice']);
    expect(at(s, 8)).toBe('duplicate'); // counters survive reconnects
    expect(at(s, 9)).toBe('applied'); // the not-connected cseq 3 did not count
    expect(at(s, 10)).toBe('duplicate');
    expect(messagesAt(s, 11).map((m) => m.kind)).toEqual(['snapshot', 'presence']); // reconnect: no left
    expect(messagesAt(s, 13)).toEqual([]); // disconnect of a client not connected
    expect(at(s, 14)).toBe('not-connected');
    expect(node(s, 'a:p').props.name).toBe('offline');
  });

  it('10 a stale base', () => {
    const s = o('10-stale-base');
    expect(messagesAt(s, 1)).toEqual([]);
    expect(messagesAt(s, 2)[0]!.seq).toBe(12000);
    expect(at(s, 4)).toBe('stale'); // older than current - 10000
    expect(at(s, 5)).toBe('stale'); // below the loaded seq
    expect(messagesAt(s, 6)[0]!.seq).toBe(12001);
    expect(resolvedAt(s, 7).index).toBe(1); // transformed past alice's insert
    expect(at(s, 8)).toBe('malformed'); // base above the current seq
    expect(at(s, 9)).toBe('applied');
    expect(at(s, 10)).toBe('stale'); // stale before unknown-node
  });

  it('11 malformed payloads of several shapes', () => {
    const s = o('11-malformed-payloads');
    for (let n = 4; n <= 19; n++) expect(at(s, n), `record ${n}`).toBe('malformed');
    expect(at(s, 20)).toBe('duplicate'); // the malformed cseq 18 counted
    expect(resolvedAt(s, 21).index).toBe(0); // 2.0 is an integer, clamped to 0
    expect(resolvedAt(s, 22).index).toBe(1); // 1e20 is an integer, clamped
    expect(resolvedAt(s, 23)).toEqual({ type: 'SET_PROPERTY', node: 'a:f', prop: 'y', value: 3 }); // extra dropped
    expect(node(s, 'a:f').children).toEqual(['a:r', 'a:s']);
  });

  it('12 reserved props and invalid values', () => {
    const s = o('12-reserved-and-invalid-values');
    for (const n of [4, 5, 6, 7, 13]) expect(at(s, n), `record ${n}`).toBe('reserved-property');
    for (const n of [8, 9, 10, 11, 12]) expect(at(s, n), `record ${n}`).toBe('invalid-value');
    expect(resolvedAt(s, 14).props).toEqual({ name: null, x: 2, constraints: null, tag: 't' });
    expect(at(s, 16)).toBe('applied'); // null on an absent prop
    const props = node(s, 'a:r').props;
    expect(Object.keys(props)).toEqual(['x', 'y', 'width', 'height', 'rotation', '__proto__', 'constraints']);
    expect(Object.hasOwn(props, '__proto__')).toBe(true);
    expect(props.constraints).toEqual({ v: 'MAX', h: 'CENTER' });
  });

  it('13 an oversized value', () => {
    const s = o('13-oversized-value');
    expect(at(s, 3)).toBe('applied'); // 65,536 bytes
    expect(at(s, 4)).toBe('too-large'); // 65,537 bytes
    expect(at(s, 5)).toBe('invalid-value'); // invalid-value wins over too-large
    expect((node(s, 'a:p').props.text as string).length).toBe(32767);
    expect(s.trees['d1']!.seq).toBe(3);
  });

  it('14 a log starting from load', () => {
    const s = o('14-load-start');
    const snap = messagesAt(s, 2)[0]!;
    expect(snap.seq).toBe(7);
    const tree = s.trees['d1']!;
    expect(tree.root).toBe('root');
    expect(at(s, 3)).toBe('duplicate-id'); // loaded ids count as seen
    expect(at(s, 4)).toBe('applied'); // "0:0" is a free id here
    expect(messagesAt(s, 4)[0]!.seq).toBe(8);
    expect(resolvedAt(s, 5).index).toBe(1);
    expect(at(s, 6)).toBe('stale'); // base 6 is below the loaded seq 7
    expect(at(s, 7)).toBe('root');
    expect(node(s, 'pg').props).toEqual({ x: 0, y: 0, width: 0, height: 0, rotation: 0, name: 'Page' });
    expect(node(s, 'fr').bounds).toEqual([0, 0, 4, 6]); // r (1,2,3x4) and the new 0x0 rect "0:0" at 0,0
    expect(node(s, 'pg').bounds).toEqual([10, 0, 60, 50]);
  });

  it('15 multi-document interleaving', () => {
    const s = o('15-multi-document');
    expect(at(s, 6)).toBe('duplicate-id'); // a:p exists in d1 only
    expect(at(s, 7)).toBe('not-connected'); // bob connected to d2 only
    expect(at(s, 8)).toBe('applied');
    expect(at(s, 9)).toBe('applied');
    expect(s.trees['d1']!.seq).toBe(1);
    expect(s.trees['d2']!.seq).toBe(3);
    expect(node(s, 'a:p', 'd1').props.x).toBe(0);
    expect(s.trees['d2']!.nodes['a:p']).toBeUndefined();
  });

  it('16 edits racing the delete of an ancestor', () => {
    const s = o('16-edit-under-deleted-parent');
    for (const n of [8, 9, 10, 11]) expect(at(s, n), `record ${n}`).toBe('unknown-node');
    expect(at(s, 12)).toBe('duplicate-id'); // a:r is retired
    expect(at(s, 13)).toBe('applied');
    expect(Object.keys(s.trees['d1']!.nodes).sort()).toEqual(['0:0', 'a:g', 'a:p', 'b:2']);
  });

  it('17 the index transform against moves within and out of the parent and a delete', () => {
    const s = o('17-transform-move-within-parent');
    expect(resolvedAt(s, 11).index).toBe(4);
    expect(resolvedAt(s, 12).index).toBe(1); // removal at 0 counts, insertion at 4 does not
    expect(resolvedAt(s, 15).index).toBe(2); // 4 -> 3 (n0 left 0) -> 2 (n2 deleted at 2); n4 left at 3 >= 2
    expect(resolvedAt(s, 16).index).toBe(0);
    expect(node(s, 'a:f').children).toEqual(['a:n1', 'b:1', 'b:2', 'a:n3', 'a:n0']);
    expect(node(s, 'a:g').children).toEqual(['a:n4']);
  });

  it('18 precedence between nack reasons', () => {
    const s = o('18-precedence');
    expect(at(s, 5)).toBe('not-connected');
    expect(at(s, 7)).toBe('malformed'); // cseq 1 resent after the not-connected nack
    expect(at(s, 8)).toBe('duplicate');
    expect(at(s, 9)).toBe('unknown-node');
    expect(at(s, 10)).toBe('duplicate-id');
    expect(at(s, 11)).toBe('invalid-parent');
    expect(at(s, 12)).toBe('invalid-parent'); // a PAGE into its own descendant FRAME
    expect(at(s, 13)).toBe('cycle');
    expect(at(s, 14)).toBe('reserved-property');
    expect(at(s, 15)).toBe('invalid-value');
    expect(at(s, 16)).toBe('too-large');
    expect(at(s, 17)).toBe('malformed'); // base above the current seq, before unknown-node
  });

  it('19 last writer wins in server order', () => {
    const s = o('19-last-writer-wins');
    for (let n = 5; n <= 12; n++) expect(at(s, n), `record ${n}`).toBe('applied');
    expect(messagesAt(s, 7)[0]!.seq).toBe(5); // setting the current value consumes a seq
    expect(messagesAt(s, 9)[0]!.seq).toBe(7); // removing an absent prop too
    expect(node(s, 'a:r').props.fill).toEqual({ r: 1, g: [0, 0.5] });
    expect(node(s, 'a:r').props.x).toBe(12.75); // bob's set was applied last
    expect(Object.keys(node(s, 'a:r').props)).toEqual(['x', 'y', 'width', 'height', 'rotation', 'fill']);
  });

  it('20 a resize races structural edits', () => {
    const s = o('20-resize-races-structure');
    expect(node(s, 'a:f').children).toEqual(['b:late', 'a:stay', 'a:leave']);
    expect(resolvedAt(s, 10).index).toBe(2); // 5 clamped against the list without the node
    expect(node(s, 'a:stay').props.x).toBe(140); // 90 + 100 - 50
    expect(node(s, 'b:late').props.x).toBe(40); // created after the first resize: only the second applies
    expect(node(s, 'a:leave').props.x).toBe(0); // away during the first resize: 50 - 50
  });

  it('21 presence and recipients are sorted by UTF-16 code units', () => {
    const s = o('21-presence-order');
    expect(messagesAt(s, 7)[0]!.to).toEqual(['Zed', 'amy', 'zoe', '\u00e9mile', '\u{1F600}', '\uFF5Eend']);
    expect(messagesAt(s, 8)).toHaveLength(2); // a reconnect: snapshot and joined, no left
    expect(messagesAt(s, 8)[1]).toEqual({ to: ['Zed', 'amy', '\u00e9mile', '\u{1F600}', '\uFF5Eend'], kind: 'presence', client: 'zoe', state: 'joined' });
    expect(messagesAt(s, 9)[0]!.to).toEqual(['Zed', 'amy', 'zoe', '\u{1F600}', '\uFF5Eend']);
    expect(messagesAt(s, 14)).toEqual([]); // the last one out: nobody to tell
    expect(messagesAt(s, 15).map((m) => m.kind)).toEqual(['snapshot']);
  });

  it('22 the corner formula is evaluated left to right, exactly', () => {
    const s = o('22-float-association');
    // 45 degrees on a 10 x 10 square at 0,0: cx + dx*cos - dy*sin, not cx + (dx*cos - dy*sin).
    expect(node(s, 'a:f1').bounds).toEqual([-2.071067811865475, -2.071067811865475, 12.071067811865476, 12.071067811865476]);
    // 17.5 degrees: the regrouped form would give -1.2721137512625003 and 11.2721137512625 for maxY.
    expect(node(s, 'a:f2').bounds).toEqual([-1.2721137512625007, -1.2721137512625007, 11.2721137512625, 11.272113751262502]);
    // The page adds f2's translation (x 100) to f2's bounds.
    expect(node(s, 'a:p').bounds).toEqual([-2.071067811865475, -2.071067811865475, 150, 50]);
  });

  it('23 odd but valid values are stored and echoed as sent', () => {
    const s = o('23-odd-values');
    for (let n = 3; n <= 13; n++) expect(at(s, n), `record ${n}`).toBe('applied');
    expect(resolvedAt(s, 3).props).toEqual({ fills: [], meta: {} });
    const props = node(s, 'a:r').props;
    expect(props.fills).toEqual([]);
    expect(props.nested).toEqual([[], {}, [{}]]);
    expect(props.empty).toBe('');
    expect(props.off).toBe(false);
    expect(props.huge).toBe(1e308);
    expect(props.nul).toBe('a\u0000b');
    let deep: unknown = props.deep;
    for (let i = 0; i < 300; i++) deep = (deep as unknown[])[0];
    expect(deep).toBe('leaf');
    expect(Object.hasOwn(props.obj as object, '__proto__')).toBe(true);
    expect(JSON.stringify(props.obj)).toBe('{"__proto__":{"x":1},"constructor":[]}');
    expect(JSON.stringify(messagesAt(s, 13)[0]!.op)).toBe('{"type":"SET_PROPERTY","node":"a:r","prop":"x","value":0}');
  });
});

describe('the corpus through the project log reader', () => {
  it('every scenario log has a valid envelope', async () => {
    const { validateLog } = await import('../../src/oplog/index.js');
    const { fileURLToPath } = await import('node:url');
    for (const name of scenarioNames()) {
      const summary = await validateLog(fileURLToPath(new URL(`${name}.ndjson`, SCENARIO_DIR)));
      expect(summary.issues, name).toEqual([]);
      expect(summary.ok, name).toBe(true);
    }
  });
});
