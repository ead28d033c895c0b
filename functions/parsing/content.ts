import { isClosingFormula, tailTest } from './closing.ts';
import { contactParagraph, opensContacts } from './contacts.ts';
import {
  addNumbered,
  addUnnumbered,
  type Item,
  type ItemList,
  type Node,
  newOutline,
  type Outline,
  openItem,
} from './items.ts';
import type { Para } from './paragraphs.ts';
import type { RecipientIndex } from './recipients.ts';
import { tol } from './text.ts';
import type { Contact } from './types.ts';

/**
 * The paragraphs below the header, sorted by where they stand: the intro (the draft's body), then the items, then
 * the tail. Contact lines are taken wherever they are and end the items. Notes such as "(Có Công văn … kèm theo)",
 * and paragraphs after the items that are no closing, are kept by the full text only (parse-directive.ts).
 */

export type Content = {
  body: Para[];
  outline: Node[];
  items: Item[];
  tails: Para[];
  contacts: Contact[];
  /** The letter numbers its items ("1.", "I."). */
  numbered: boolean;
  /** An unnumbered letter announced its items ("… như sau:"); if neither, the letter is one request. */
  announced: boolean;
};

type Sorting = {
  phase: 'intro' | 'items' | 'after';
  afterContactHeading: boolean;
  numbered: boolean;
  announced: boolean;
  body: Para[];
  outline: Outline;
  list: ItemList;
  tails: Para[];
  contacts: Contact[];
  isTail: (p: Para) => boolean;
};

const ANNOUNCE = tol('(?:sau|nhu sau|cu the|sau day|noi dung|nhiem vu)\\s*:$');
/** "… đề nghị các doanh nghiệp thực hiện các nội dung sau." announces with a full stop too. */
const ANNOUNCE_STOP = tol(
  '(?:thuc hien|trien khai)\\s+(?:cac|mot so)\\s+(?:noi dung|nhiem vu|viec)\\s+(?:sau|nhu sau|sau day)\\s*\\.$',
);
const ATTACHMENT = tol('^\\((?:co|gui|dinh|kem|xin gui|ghi chu)');

const isNote = (p: Para) => ATTACHMENT.test(p.key) && /\)[.;]?$/.test(p.raw);

const closeItems = (s: Sorting) => {
  if (s.phase === 'items') s.phase = 'after';
};

/** A contact heading or a contact line; after a heading, an intro that had items announced is over too. */
const takeContact = (s: Sorting, p: Para): boolean => {
  if (opensContacts(p)) {
    s.afterContactHeading = true;
    closeItems(s);
    if (s.phase === 'intro' && (s.numbered || s.announced)) s.phase = 'after';
    return true;
  }
  const contact = contactParagraph(p, s.afterContactHeading);
  if (!contact) return false;
  s.contacts.push(contact);
  closeItems(s);
  return true;
};

/** A tail ends the items; in a letter that is one request, a closing formula ends its intro. */
const takeTail = (s: Sorting, p: Para): boolean => {
  const oneRequestIntro = s.phase === 'intro' && !s.numbered && !s.announced;
  if (!(s.phase === 'items' && s.isTail(p)) && !(oneRequestIntro && isClosingFormula(p))) return false;
  s.tails.push(p);
  closeItems(s);
  if (s.phase === 'intro') s.phase = 'after';
  return true;
};

/** Paragraphs before the first number are the body; unnumbered ones after it belong to the item above. */
const placeNumbered = (s: Sorting, p: Para) => {
  if (addNumbered(s.outline, p)) {
    s.phase = 'items';
    return;
  }
  const current = openItem(s.outline);
  if (s.phase === 'items' && current) current.content.push(p);
  else s.body.push(p);
};

/** Paragraphs up to the announcing one ("… như sau:") are the body; each one after it is an item. */
const placeUnnumbered = (s: Sorting, p: Para, index: RecipientIndex) => {
  if (!s.announced && s.phase === 'intro') {
    s.body.push(p);
    if ((/:$/.test(p.raw) && ANNOUNCE.test(p.key)) || ANNOUNCE_STOP.test(p.key)) {
      s.announced = true;
      s.phase = 'items';
    }
    return;
  }
  addUnnumbered(s.list, p, index);
};

const place = (s: Sorting, p: Para, index: RecipientIndex) => {
  if (takeContact(s, p)) return;
  s.afterContactHeading = false;
  if (isNote(p)) return;
  if (takeTail(s, p)) return;
  else if (s.phase === 'after') {
    if (s.isTail(p)) s.tails.push(p);
  } else if (s.numbered) placeNumbered(s, p);
  else placeUnnumbered(s, p, index);
};

/** `issuer` lets the issuer's own sentences ("Sở Công Thương sẽ phối hợp …") close the items. */
export const sortContent = (paras: Para[], index: RecipientIndex, issuer: string | undefined): Content => {
  const s: Sorting = {
    phase: 'intro',
    afterContactHeading: false,
    numbered: paras.some((p) => p.marker.kind === 'num' || p.marker.kind === 'roman'),
    announced: false,
    body: [],
    outline: newOutline(),
    list: { items: [] },
    tails: [],
    contacts: [],
    isTail: tailTest(issuer),
  };
  for (const p of paras) place(s, p, index);
  const { body, tails, contacts, numbered, announced } = s;
  return { body, outline: s.outline.roots, items: s.list.items, tails, contacts, numbered, announced };
};
