import { recipientsOf } from './addressees.ts';
import { readArticle } from './article.ts';
import { settleTails } from './closing.ts';
import { phonesIn } from './contacts.ts';
import { sortContent } from './content.ts';
import { emptyDraft, ordered } from './draft.ts';
import { type Findings, newFindings, sortWarnings, unparsedInOrder, warn } from './findings.ts';
import { fillHeaderFields, readHeader } from './header.ts';
import { leadershipOf } from './leadership.ts';
import { legalBasisRefsOf } from './legal-bases.ts';
import { MESSAGES } from './messages.ts';
import type { Para } from './paragraphs.ts';
import { RecipientIndex } from './recipients.ts';
import { expandEnumeration, requestedUnitsIn } from './requests.ts';
import { scanBody } from './scan.ts';
import { signerOf } from './signer.ts';
import { type Assigning, completeTasks, tasksOfItems, tasksOfOutline } from './tasks.ts';
import { type Line, prepare } from './text.ts';
import type { DraftDirective, ParseResult, PhoneNumber } from './types.ts';

/**
 * Reads a công văn section by section, in the order a reader meets them: the header, the sections below it and the
 * paragraphs, then the items as tasks, the signer and the leaders. README.md says what each module reads.
 */

const emptyResult = (findings: Findings): ParseResult => {
  findings.meta.source = 'empty';
  warn(findings, 'text', MESSAGES.empty);
  const { warnings, meta } = findings;
  return { draft: emptyDraft(), warnings, unparsed: [], legalBasisRefs: [], contacts: [], phones: [], meta };
};

/** Every phone number in the text once, leaders' or not, for the official to pick from. */
const phonesOf = (lines: Line[]): PhoneNumber[] => {
  const phones: PhoneNumber[] = [];
  for (const line of lines)
    for (const p of phonesIn(line.raw)) if (!phones.some((q) => q.number === p.number)) phones.push(p);
  return phones;
};

/**
 * A text without "Kính gửi" (a news report, a chỉ thị, a quyết định) names its recipients where it asks them to act
 * ("… yêu cầu A, B và C khẩn trương …", "Giao Sở …", "… chịu trách nhiệm thi hành"); the body that asks is the issuer
 * when the header gave none.
 */
const fromRequests = (draft: DraftDirective, paras: Para[], findings: Findings) => {
  const { units, requester } = requestedUnitsIn(paras.map((p) => p.raw));
  if (units.length) {
    draft.addressees = units;
    warn(findings, 'addressees', MESSAGES.addresseesFromRequests, units.join('; '));
  }
  if (draft.issuer === undefined && requester) {
    draft.issuer = requester;
    findings.warnings = findings.warnings.filter((w) => w.field !== 'issuer');
    warn(findings, 'issuer', MESSAGES.issuerFromRequest, requester);
  }
};

/** Never throws: a text that is not a directive gives a mostly empty draft and the warnings that say so. */
export const parseDirective = (text: string): ParseResult => {
  const { lines, broken, blankSeparated } = prepare(text);
  const findings = newFindings(broken);
  if (lines.length === 0) return emptyResult(findings);
  if (broken) warn(findings, 'text', MESSAGES.broken);

  const { header, end } = readHeader(lines, findings);
  const scan = scanBody(lines, end, blankSeparated);
  const { article, paras } = readArticle(header, scan.paras, scan.addressees.length > 0, lines, findings);

  const draft = emptyDraft();
  fillHeaderFields(draft, header, article, findings);
  draft.addressees = scan.addressees.length ? scan.addressees : (article?.addressees ?? []);
  if (draft.addressees.length === 0) fromRequests(draft, paras, findings);
  draft.recipients = recipientsOf(draft.addressees.flatMap(expandEnumeration), findings);
  draft.legalBases = scan.legalBases;

  const names = new Map(draft.recipients.map((r) => [r.id, r.name]));
  const who: Assigning = {
    index: new RecipientIndex(draft.recipients),
    everyone: draft.recipients.map((r) => r.id),
    nameOf: (ids) => ids.map((id) => names.get(id) ?? id),
  };
  const content = sortContent(paras, who.index, draft.issuer);
  const tasks = [...tasksOfOutline(content.outline, who), ...tasksOfItems(content.items, who)];
  const body = settleTails(content, tasks, who, findings);
  completeTasks(tasks, draft.issuedOn, findings);
  draft.tasks = tasks;
  draft.body = body.map((p) => p.raw).join('\n');
  const fullText = [
    ...header.extras,
    ...(header.authority ? [header.authority] : []),
    ...scan.legalBases.map((text, k) => ({ at: scan.legalAt[k] ?? 0, text })),
    // the article's lead too, which stands in for its header; only the byline is furniture
    ...scan.paras.filter((p) => p.raw !== findings.meta.byline).map((p) => ({ at: p.at, text: p.raw })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((p) => p.text)
    .join('\n');
  if (fullText !== '') draft.fullText = fullText;

  draft.copies = scan.copies;
  if (!scan.copiesSeen) warn(findings, 'copies', MESSAGES.copies);
  const signer = signerOf(scan.signerPieces, findings);
  if (signer) draft.signer = signer;
  draft.leadership = leadershipOf(content.contacts, draft.signer, findings);

  return {
    draft: ordered(draft),
    warnings: sortWarnings(findings.warnings),
    unparsed: unparsedInOrder(findings),
    legalBasisRefs: legalBasisRefsOf(draft.legalBases),
    contacts: content.contacts,
    phones: phonesOf(lines),
    meta: findings.meta,
  };
};
