import { assigneesOfHead } from './assignees.ts';
import type { Para } from './paragraphs.ts';
import type { RecipientIndex } from './recipients.ts';

/**
 * The items of a letter, in its two layouts: numbered items as a tree ("I." sections, "1." items, "1.1." sub-items),
 * or, in an unnumbered layout, a flat list of paragraphs after an announcing one ("… như sau:").
 */

/** A numbered item and what hangs under it: the paragraphs of its text and its numbered sub-items. */
export type Node = { code: string; level: number; head: Para; content: Para[]; children: Node[] };

/** `open` is the path from a root to the item read last; a Roman section prefixes its items' codes ("II.1"). */
export type Outline = { roots: Node[]; open: Node[]; romanPrefix: string };

export const newOutline = (): Outline => ({ roots: [], open: [], romanPrefix: '' });

/** Adds a numbered paragraph under the nearest open item of a lower level; false when the paragraph has no number. */
export const addNumbered = (outline: Outline, p: Para): boolean => {
  if (p.marker.kind === 'roman') {
    outline.romanPrefix = `${p.marker.code}.`;
    const node: Node = { code: p.marker.code, level: 0, head: p, content: [], children: [] };
    outline.roots.push(node);
    outline.open = [node];
    return true;
  }
  if (p.marker.kind !== 'num') return false;
  const node: Node = {
    code: outline.romanPrefix + p.marker.code,
    level: p.marker.level,
    head: p,
    content: [],
    children: [],
  };
  const open = outline.open;
  while (open.length && (open[open.length - 1] as Node).level >= node.level) open.pop();
  const parent = open[open.length - 1];
  if (parent) parent.children.push(node);
  else outline.roots.push(node);
  open.push(node);
  return true;
};

/** The item an unnumbered paragraph belongs to: the one read last. */
export const openItem = (outline: Outline): Node | undefined => outline.open[outline.open.length - 1];

/** An item of an unnumbered layout; `group` are the recipients it (or the paragraph before) names. */
export type Item = { code: string; head: string; content: string[]; group?: string[]; unmatched?: string[] };

/** `group` carries over: an item that names no one goes to the units the last naming paragraph named. */
export type ItemList = { items: Item[]; current?: Item; group?: string[] };

/**
 * Adds a paragraph of an unnumbered layout. "a)" or "-" lines under an item that ends with ":" (and a "b)" after an
 * "a)") stay in that item's text; any other paragraph is the next item, numbered "1", "2", … .
 */
export const addUnnumbered = (list: ItemList, p: Para, index: RecipientIndex) => {
  const current = list.current;
  const opened = current && /:$/.test(current.content[current.content.length - 1] ?? current.head);
  const sub = p.marker.kind === 'letter' || p.marker.kind === 'bullet';
  if (current && sub && (opened || (p.marker.kind === 'letter' && current.content.length > 0))) {
    current.content.push(p.raw);
    return;
  }
  const names = assigneesOfHead(p.body, index);
  if (names.named) list.group = names.ids;
  list.current = {
    code: String(list.items.length + 1),
    head: p.body,
    content: [],
    group: names.named ? names.ids : list.group,
    ...(names.unmatched.length ? { unmatched: names.unmatched } : {}),
  };
  list.items.push(list.current);
};
