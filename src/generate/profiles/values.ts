/** Property names and realistic values for generated nodes and SET_PROPERTY ops. */
import type { Rng } from './prng.js';
import type { NodeType } from './tree.js';

const CONSTRAINTS = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'] as const;
const COLORS = ['#FFFFFF', '#000000', '#1E88E5', '#E53935', '#43A047', '#FDD835', '#8E24AA', '#F4511E', '#00ACC1', '#6D4C41'];
const FONTS = ['Inter', 'Roboto', 'SF Pro', 'Helvetica Neue', 'Georgia', 'JetBrains Mono'];
const WORDS = ['Header', 'Button', 'Card', 'Avatar', 'Icon', 'Label', 'Sidebar', 'Footer', 'Hero', 'Input', 'Badge', 'Divider', 'Menu', 'Tab'];

/** Style props every node carries in big documents (with geometry, ~30 props a node). */
export const STYLE_PROPS = [
  'name', 'fill', 'stroke', 'strokeWidth', 'opacity', 'visible', 'locked', 'cornerRadius', 'blendMode', 'effects',
  'fontSize', 'fontFamily', 'fontWeight', 'textAlign', 'lineHeight', 'letterSpacing', 'layoutMode', 'paddingLeft',
  'paddingRight', 'paddingTop', 'paddingBottom', 'itemSpacing', 'clipsContent', 'exportSettings',
] as const;

export function constraints(rng: Rng): { h: string; v: string } {
  return { h: rng.pick(CONSTRAINTS), v: rng.pick(CONSTRAINTS) };
}

/** A coordinate: mostly integers, sometimes halves and odd fractions as real drags produce. */
export function coord(rng: Rng, lo: number, hi: number): number {
  const v = lo + rng.float() * (hi - lo);
  const r = rng.float();
  return r < 0.7 ? Math.round(v) : r < 0.9 ? Math.round(v * 2) / 2 : Math.round(v * 1000) / 1000;
}

export function styleValue(rng: Rng, prop: string): unknown {
  switch (prop) {
    case 'name': return `${rng.pick(WORDS)} ${rng.int(500)}`;
    case 'fill': case 'stroke': return rng.chance(0.8) ? rng.pick(COLORS) : [{ type: 'SOLID', color: rng.pick(COLORS), opacity: Math.round(rng.float() * 100) / 100 }];
    case 'strokeWidth': return rng.pick([0, 1, 1, 2, 4, 0.5]);
    case 'opacity': return Math.round(rng.float() * 100) / 100;
    case 'visible': return rng.chance(0.95);
    case 'locked': return rng.chance(0.1);
    case 'cornerRadius': return rng.pick([0, 2, 4, 8, 12, 16, 999]);
    case 'blendMode': return rng.pick(['NORMAL', 'MULTIPLY', 'SCREEN', 'OVERLAY']);
    case 'effects': return rng.chance(0.7) ? [] : [{ type: 'DROP_SHADOW', radius: rng.int(20), offset: { x: 0, y: rng.int(8) }, color: '#00000040' }];
    case 'fontSize': return rng.pick([10, 12, 14, 16, 18, 24, 32, 48]);
    case 'fontFamily': return rng.pick(FONTS);
    case 'fontWeight': return rng.pick([300, 400, 500, 600, 700]);
    case 'textAlign': return rng.pick(['LEFT', 'CENTER', 'RIGHT', 'JUSTIFIED']);
    case 'lineHeight': return rng.chance(0.5) ? 'AUTO' : rng.pick([1, 1.2, 1.5, 20, 24]);
    case 'letterSpacing': return rng.pick([0, 0, -0.5, 0.2, 1]);
    case 'layoutMode': return rng.pick(['NONE', 'NONE', 'HORIZONTAL', 'VERTICAL']);
    case 'paddingLeft': case 'paddingRight': case 'paddingTop': case 'paddingBottom': return rng.pick([0, 4, 8, 12, 16, 24]);
    case 'itemSpacing': return rng.pick([0, 4, 8, 16]);
    case 'clipsContent': return rng.chance(0.5);
    case 'exportSettings': return rng.chance(0.9) ? [] : [{ format: rng.pick(['PNG', 'SVG', 'PDF']), scale: rng.pick([1, 2, 3]) }];
    case 'text': return `${rng.pick(WORDS)} ${rng.pick(WORDS).toLowerCase()} ${rng.int(10_000)}`;
    default: return rng.int(100);
  }
}

/** Geometry for a new node of `type` inside a parent of the given size. */
export function geometry(rng: Rng, type: NodeType, pw: number, ph: number): { x: number; y: number; width: number; height: number; rotation: number } {
  const big = type === 'PAGE' || type === 'FRAME' || type === 'GROUP';
  const width = big ? coord(rng, 100, 1440) : coord(rng, 8, 400);
  const height = big ? coord(rng, 100, 1024) : coord(rng, 8, 300);
  const x = type === 'PAGE' ? 0 : coord(rng, 0, Math.max(1, pw));
  const y = type === 'PAGE' ? 0 : coord(rng, 0, Math.max(1, ph));
  const rotation = rng.chance(0.05) ? rng.pick([15, 30, 45, 90, -12.5, 180]) : 0;
  return { x, y, width, height, rotation };
}

/**
 * Every style prop, as one object literal: adding ~30 properties one by one pushes V8 into slow
 * property stores and made building a 50,000-node document several times slower.
 */
function fullProps(rng: Rng, type: NodeType, pw: number, ph: number): Record<string, unknown> {
  const g = geometry(rng, type, pw, ph);
  const v = (prop: string): unknown => styleValue(rng, prop);
  return {
    x: g.x, y: g.y, width: g.width, height: g.height, rotation: g.rotation,
    name: v('name'), fill: v('fill'), stroke: v('stroke'), strokeWidth: v('strokeWidth'), opacity: v('opacity'),
    visible: v('visible'), locked: v('locked'), cornerRadius: v('cornerRadius'), blendMode: v('blendMode'), effects: v('effects'),
    fontSize: v('fontSize'), fontFamily: v('fontFamily'), fontWeight: v('fontWeight'), textAlign: v('textAlign'),
    lineHeight: v('lineHeight'), letterSpacing: v('letterSpacing'), layoutMode: v('layoutMode'), paddingLeft: v('paddingLeft'),
    paddingRight: v('paddingRight'), paddingTop: v('paddingTop'), paddingBottom: v('paddingBottom'), itemSpacing: v('itemSpacing'),
    clipsContent: v('clipsContent'), exportSettings: v('exportSettings'),
  };
}

/** The props of a new node: geometry first, then `style` style props, text for TEXT, constraints in a FRAME. */
export function nodeProps(rng: Rng, type: NodeType, parentType: NodeType, pw: number, ph: number, style: number): Record<string, unknown> {
  if (style >= STYLE_PROPS.length) {
    const props = fullProps(rng, type, pw, ph);
    if (type === 'TEXT') props.text = styleValue(rng, 'text');
    if (parentType === 'FRAME') props.constraints = constraints(rng);
    return props;
  }
  const props: Record<string, unknown> = { ...geometry(rng, type, pw, ph) };
  const start = rng.int(STYLE_PROPS.length);
  for (let i = 0; i < style && i < STYLE_PROPS.length; i++) {
    const prop = STYLE_PROPS[(start + i) % STYLE_PROPS.length]!;
    props[prop] = styleValue(rng, prop);
  }
  if (type === 'TEXT') props.text = styleValue(rng, 'text');
  if (parentType === 'FRAME') props.constraints = constraints(rng);
  return props;
}
