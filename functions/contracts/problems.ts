/**
 * What the application refuses or finds wrong, as a code with parameters: `{ code: 'field.tooLong', params:
 * { field: 'subject', max: 1000 } }`. One vocabulary that core, parsing, adapters, app and handlers produce and
 * that functions/web/i18n renders in Vietnamese or English (a JSON caller gets the text in its language). No words
 * live here: a code names what happened, its parameters what the words need.
 *
 * Here rather than in core because every room speaks it (the stores' "not found", the HTTP edges' "body too large",
 * the pure transitions' refusals) and it carries no behaviour: it is a contract between whoever finds a problem and
 * whoever shows it.
 */

import { CORRECTION_CODES, type CorrectionProblemParams } from './correction-problems.ts';
import { IMPORT_CODES, type ImportProblemParams } from './import-problems.ts';

/** The fields a problem names; each has a label in each language (functions/web/i18n). */
export type Field =
  // The create body of a directive
  | 'number'
  | 'issuer'
  | 'issuerParent'
  | 'place'
  | 'issuedOn'
  | 'subject'
  | 'addressees'
  | 'recipients'
  | 'legalBases'
  | 'body'
  | 'leadership'
  | 'tasks'
  | 'acknowledgeWithin'
  | 'remindBefore'
  | 'agencyId'
  | 'agencyName'
  | 'recipientEmail'
  | 'recipientPhone'
  | 'headName'
  | 'headEmail'
  | 'headPhone'
  | 'signerName'
  | 'signerTitle'
  | 'onBehalfOf'
  | 'signerEmail'
  | 'leaderName'
  | 'leaderTitle'
  | 'leaderEmail'
  | 'leaderPhone'
  | 'copyName'
  | 'taskCode'
  | 'taskText'
  | 'assignees'
  | 'deadline'
  | 'firstDeadline'
  | 'workingDays'
  | 'recurrence'
  | 'recurrenceUntil'
  // An agency of the directory (its form and its CSV)
  | 'directoryEmail'
  | 'directoryPhone'
  | 'directoryHeadPhone'
  | 'directoryHeadName'
  | 'directoryHeadEmail'
  // Reassignment (officials) and the named handler (a recipient's form)
  | 'newEmail'
  | 'newName'
  | 'handlerName'
  | 'handlerEmail'
  | 'handlerPhone'
  // Forwarding to sub-units (a recipient's form)
  | 'taskCodes'
  | 'forwardDeadline'
  | 'units'
  // An agency's inbox
  | 'inboxEmail'
  // A recipient's forms
  | 'task'
  | 'summary'
  | 'attachment'
  | 'extensionUntil'
  | 'reason'
  | 'reportVersion'
  // The officials' forms and API
  | 'until'
  | 'from'
  | 'to'
  | 'csvFile'
  | 'decision'
  | 'newDeadline'
  | 'limit'
  // Directive files (the original and annexes)
  | 'file'
  | 'originalFile'
  | 'annexes';

type OfField<T = unknown> = { field: Field } & T;
type None = Record<never, never>;

/** Every code and its parameters. */
export interface ProblemParams extends CorrectionProblemParams, ImportProblemParams {
  // A field's value
  'field.required': OfField;
  'field.choose': OfField;
  'field.tooLong': OfField<{ max: number }>;
  'field.email': OfField;
  'field.phone': OfField;
  'field.instant': OfField;
  'field.isoDate': OfField;
  /** A day as dd/mm/yyyy (or YYYY-MM-DD) that exists; `value` is what was typed. */
  'field.day': OfField<{ value: string }>;
  'field.date': OfField;
  'field.duration': OfField;
  'field.minHours': OfField<{ hours: number }>;
  'field.maxDays': OfField<{ days: number }>;
  'field.number': OfField;
  'field.integer': OfField;
  'field.min': OfField<{ min: number }>;
  'field.max': OfField<{ max: number }>;
  'field.reserved': OfField;
  'field.invalid': OfField;
  'field.tooLargeMb': OfField<{ mb: number }>;
  'field.requiredToGrant': OfField;
  'field.atLeastOneAgency': OfField;
  'field.atMostAgencies': OfField<{ max: number }>;
  'field.notAfterNow': OfField;
  /** `deadline`: the instant in force (ISO). */
  'field.notAfterDeadline': OfField<{ deadline: string }>;
  'deadline.past': OfField;
  'deadline.beforeIssue': OfField;
  'deadline.tooFar': OfField<{ years: number }>;
  // The directive as a whole
  'agencyId.format': None;
  'taskCode.format': None;
  'recurrence.every': None;
  'recipients.required': None;
  'leadership.atLeastOne': None;
  'tasks.atLeastOne': None;
  'directive.tooLarge': { kb: number; maxKb: number };
  'recipient.duplicate': { id: string };
  'task.oneDeadline': None;
  'task.firstPeriodMissing': None;
  'task.tooManyPeriods': { max: number };
  'task.duplicate': { code: string };
  'task.unknownAssignee': { id: string };
  'agency.tooManyReports': { id: string; max: number; total: number };
  'parse.emptyText': None;
  // An assignment's transitions (with core/assignment/transitions.ts's Refusal beside them)
  'refusal.alreadySent': None;
  'refusal.alreadyHandled': None;
  'refusal.withdrawn': None;
  'refusal.completed': None;
  'refusal.undeliverable': None;
  'refusal.unknownTask': { taskCode: string };
  'refusal.alreadyAcknowledged': None;
  'refusal.alreadyReported': { taskCode: string };
  'refusal.notDue': None;
  'refusal.alreadyWithdrawn': None;
  'refusal.extensionPending': None;
  'refusal.tooSoon': None;
  'refusal.tooMany': { max: number };
  'refusal.noSuchDeadline': { taskCode: string };
  'refusal.deadlineApplied': None;
  'refusal.noPendingExtension': None;
  'refusal.ended': None;
  'refusal.resumed': None;
  'refusal.alreadyReassigned': None;
  'refusal.reassignedElsewhere': None;
  'refusal.handlerUnchanged': None;
  // Forwarding to sub-units
  /** A line of the units' list (1-based) that is not `Name <email>`. */
  'forward.unitLine': { line: number };
  'forward.unitDuplicate': { line: number; email: string };
  'forward.tooManyUnits': { max: number };
  'forward.notOwnTask': { taskCode: string };
  /** `date` the date asked (YYYY-MM-DD), `deadline` the agency's own deadline in force (ISO). */
  'forward.afterOwnDeadline': { date: string; deadline: string };
  'forward.datePast': { date: string };
  'forward.already': None;
  'forward.closed': None;
  'forward.none': None;
  // What is stored, and links
  'directive.notFound': { id: string };
  'assignment.notFound': { directiveId: string; recipientId: string };
  'directive.keyReused': None;
  'directive.issueInProgress': None;
  /** `issuedOn` of the directive that holds the number (YYYY-MM-DD); `id` is its id. */
  'directive.duplicateNumber': {
    number: string;
    issuer: string;
    year: string;
    subject: string;
    issuedOn: string;
    id: string;
  };
  'store.busy': None;
  'link.invalid': None;
  'link.expired': None;
  'link.replaced': None;
  'link.reassigned': None;
  'link.directiveNotFound': None;
  /** A phone notice's short link `/l/{code}` that names nothing, or an agency since withdrawn. */
  'shortLink.unknown': None;
  'shortLink.withdrawn': None;
  /** An inbox link that no key signed, or that is not an inbox link (a recipient's link, say). */
  'inbox.invalid': None;
  'inbox.expired': None;
  'attachment.notFound': None;
  'attachment.noContent': None;
  'attachment.empty': None;
  // Directive files: an upload, a file read for its text, an id in the create body
  'file.unsupported': None;
  'file.noTextLayer': None;
  'file.noText': None;
  'file.unreadable': None;
  'file.unknown': { id: string };
  'file.notFound': None;
  // Officials' use cases
  'period.reversed': None;
  'urging.nothingOverdue': None;
  'extension.decision': None;
  // Sessions and requests
  'session.required': None;
  'session.signedOut': None;
  /** A PROVINCE official reads every office's directives and may change none of them. */
  'office.readOnly': None;
  'route.notFound': None;
  'page.notFound': None;
  'request.notJson': None;
  'request.badEscape': None;
  'request.tooLarge': { mb: number };
  'request.crossSite': None;
  'system.error': None;
  // A multipart body
  'form.unreadable': None;
  'form.unnamedPart': None;
  'form.badFieldName': { name: string };
  'form.repeatedField': { name: string };
  'form.noBoundary': None;
  'form.fileCut': None;
  'form.fieldTooLong': { name: string };
  'form.tooManyFiles': { max: number };
  'form.tooManyFields': None;
  'form.tooManyParts': None;
  'form.incomplete': None;
  /** A check with no code of its own (zod's defaults, e.g. an array's length): `detail` is zod's words. */
  'input.unchecked': { detail: string };
}

export type ProblemCode = keyof ProblemParams;

export type Problem<C extends ProblemCode = ProblemCode> = { [K in C]: { code: K; params: ProblemParams[K] } }[C];

/** A problem on a field of the input, `path` as dotted segments (`tasks.0.deadline`); '' for the whole input. */
export type FieldProblem = Problem & { path: string };

/** Every code at run time; a code missing from here, or one here that is not in ProblemParams, does not compile. */
const EVERY_CODE = {
  ...CORRECTION_CODES,
  ...IMPORT_CODES,
  'field.required': true,
  'field.choose': true,
  'field.tooLong': true,
  'field.email': true,
  'field.phone': true,
  'field.instant': true,
  'field.isoDate': true,
  'field.day': true,
  'field.date': true,
  'field.duration': true,
  'field.minHours': true,
  'field.maxDays': true,
  'field.number': true,
  'field.integer': true,
  'field.min': true,
  'field.max': true,
  'field.reserved': true,
  'field.invalid': true,
  'field.tooLargeMb': true,
  'field.requiredToGrant': true,
  'field.atLeastOneAgency': true,
  'field.atMostAgencies': true,
  'field.notAfterNow': true,
  'field.notAfterDeadline': true,
  'deadline.past': true,
  'deadline.beforeIssue': true,
  'deadline.tooFar': true,
  'agencyId.format': true,
  'taskCode.format': true,
  'recurrence.every': true,
  'recipients.required': true,
  'leadership.atLeastOne': true,
  'tasks.atLeastOne': true,
  'directive.tooLarge': true,
  'recipient.duplicate': true,
  'task.oneDeadline': true,
  'task.firstPeriodMissing': true,
  'task.tooManyPeriods': true,
  'task.duplicate': true,
  'task.unknownAssignee': true,
  'agency.tooManyReports': true,
  'parse.emptyText': true,
  'refusal.alreadySent': true,
  'refusal.alreadyHandled': true,
  'refusal.withdrawn': true,
  'refusal.completed': true,
  'refusal.undeliverable': true,
  'refusal.unknownTask': true,
  'refusal.alreadyAcknowledged': true,
  'refusal.alreadyReported': true,
  'refusal.notDue': true,
  'refusal.alreadyWithdrawn': true,
  'refusal.extensionPending': true,
  'refusal.tooSoon': true,
  'refusal.tooMany': true,
  'refusal.noSuchDeadline': true,
  'refusal.deadlineApplied': true,
  'refusal.noPendingExtension': true,
  'refusal.ended': true,
  'refusal.resumed': true,
  'refusal.alreadyReassigned': true,
  'refusal.reassignedElsewhere': true,
  'refusal.handlerUnchanged': true,
  'forward.unitLine': true,
  'forward.unitDuplicate': true,
  'forward.tooManyUnits': true,
  'forward.notOwnTask': true,
  'forward.afterOwnDeadline': true,
  'forward.datePast': true,
  'forward.already': true,
  'forward.closed': true,
  'forward.none': true,
  'directive.notFound': true,
  'assignment.notFound': true,
  'directive.keyReused': true,
  'directive.issueInProgress': true,
  'directive.duplicateNumber': true,
  'store.busy': true,
  'link.invalid': true,
  'link.expired': true,
  'link.replaced': true,
  'link.reassigned': true,
  'link.directiveNotFound': true,
  'shortLink.unknown': true,
  'shortLink.withdrawn': true,
  'inbox.invalid': true,
  'inbox.expired': true,
  'attachment.notFound': true,
  'attachment.noContent': true,
  'attachment.empty': true,
  'file.unsupported': true,
  'file.noTextLayer': true,
  'file.noText': true,
  'file.unreadable': true,
  'file.unknown': true,
  'file.notFound': true,
  'period.reversed': true,
  'urging.nothingOverdue': true,
  'extension.decision': true,
  'session.required': true,
  'session.signedOut': true,
  'office.readOnly': true,
  'route.notFound': true,
  'page.notFound': true,
  'request.notJson': true,
  'request.badEscape': true,
  'request.tooLarge': true,
  'request.crossSite': true,
  'system.error': true,
  'form.unreadable': true,
  'form.unnamedPart': true,
  'form.badFieldName': true,
  'form.repeatedField': true,
  'form.noBoundary': true,
  'form.fileCut': true,
  'form.fieldTooLong': true,
  'form.tooManyFiles': true,
  'form.tooManyFields': true,
  'form.tooManyParts': true,
  'form.incomplete': true,
  'input.unchecked': true,
} as const satisfies Record<ProblemCode, true>;

export const PROBLEM_CODES = Object.keys(EVERY_CODE) as ProblemCode[];

export const isProblemCode = (value: unknown): value is ProblemCode =>
  typeof value === 'string' && Object.hasOwn(EVERY_CODE, value);

/** The parameters after a code: optional only for a code that has none. */
export type ParamsOf<C extends ProblemCode> = None extends ProblemParams[C]
  ? [params?: ProblemParams[C]]
  : [params: ProblemParams[C]];

/** A problem, e.g. `problem('field.tooLong', { field: 'subject', max: 1000 })` or `problem('refusal.tooSoon')`. */
export const problem = <C extends ProblemCode>(code: C, ...[params]: ParamsOf<C>): Problem<C> =>
  ({ code, params: params ?? {} }) as Problem<C>;

/** The same problem on a field of the input. */
export const onField = (path: string, p: Problem): FieldProblem => ({ path, ...p });
