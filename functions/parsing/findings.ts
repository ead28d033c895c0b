import type { ParseMeta, ParseWarning } from './types.ts';

/**
 * What the sections find besides the draft. Each section adds to it as it reads; the orchestrator returns it sorted.
 * Unparsed passages keep their line so that passages found by different sections come back in text order.
 */
export type Findings = {
  warnings: ParseWarning[];
  unparsed: { at: number; text: string }[];
  meta: ParseMeta;
};

export const newFindings = (brokenDiacritics: boolean): Findings => ({
  warnings: [],
  unparsed: [],
  meta: { source: 'document', brokenDiacritics, closing: [] },
});

export const warn = (findings: Findings, field: string, message: string, passage?: string) => {
  findings.warnings.push(passage === undefined ? { field, message } : { field, message, passage });
};

/** The order of the form, so that the official reads the warnings top to bottom next to the fields. */
const FIELD_ORDER = [
  'text',
  'number',
  'issuer',
  'issuerParent',
  'place',
  'issuedOn',
  'subject',
  'addressees',
  'recipients',
  'legalBases',
  'body',
  'signer',
  'leadership',
  'copies',
  'tasks',
];

const fieldRank = (field: string) => {
  const [top, index] = field.split('.');
  const rank = FIELD_ORDER.indexOf(top ?? '');
  return [rank < 0 ? FIELD_ORDER.length : rank, index === undefined ? -1 : Number(index) || 0] as const;
};

/** Warnings in form order; warnings on the same field keep the order they were found in. */
export const sortWarnings = (warnings: ParseWarning[]): ParseWarning[] =>
  warnings
    .map((w, i) => ({ w, i, r: fieldRank(w.field) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.w);

export const unparsedInOrder = (findings: Findings): string[] =>
  findings.unparsed.sort((a, b) => a.at - b.at).map((u) => u.text);
