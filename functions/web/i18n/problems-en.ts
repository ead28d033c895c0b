import { formatDateTime } from '#core/calendar/time.ts';
import type { ProblemTexts } from './problems.ts';

/** Problems in English, for `?lang=en`. Numbers are grouped with commas (2,000). */
const n = (x: number) => x.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

const UNREADABLE = 'The form could not be read. Please reload the page and send it again.';

export const enProblems: ProblemTexts = {
  fields: {
    number: 'Number',
    issuer: 'Issuing body',
    issuerParent: 'Parent body',
    place: 'Place',
    issuedOn: 'Issued on',
    subject: 'Subject (V/v)',
    addressees: 'Addressed to',
    recipients: 'Recipients',
    legalBases: 'Legal basis',
    body: 'Text',
    leadership: 'Leaders who receive escalations',
    tasks: 'Tasks',
    acknowledgeWithin: 'Acknowledge within',
    remindBefore: 'Remind before the deadline',
    agencyId: 'Agency id',
    agencyName: 'Agency name',
    recipientEmail: 'Agency email',
    recipientPhone: 'Agency phone',
    headName: 'Head of agency',
    headEmail: 'Email of the head of agency',
    headPhone: 'Phone of the head of agency',
    signerName: 'Signer’s name',
    signerTitle: 'Signer’s title',
    onBehalfOf: 'On behalf of (KT., TL., TM.)',
    signerEmail: 'Signer’s email',
    leaderName: 'Leader’s name',
    leaderTitle: 'Leader’s title',
    leaderEmail: 'Leader’s email',
    leaderPhone: 'Phone',
    copyName: 'Copy to',
    taskCode: 'Task code',
    taskText: 'Task text',
    assignees: 'Assigned to',
    deadline: 'Report deadline',
    firstDeadline: 'Deadline of the first report',
    workingDays: 'Working days',
    recurrence: 'Repeats',
    recurrenceUntil: 'Repeats until',
    directoryEmail: 'Email',
    directoryPhone: 'Phone',
    directoryHeadPhone: 'Head’s phone',
    directoryHeadName: 'Head of agency',
    directoryHeadEmail: 'Head’s email',
    newEmail: 'New email address',
    newName: 'Agency name at the new address',
    handlerName: 'Handler’s name',
    handlerEmail: 'Handler’s email',
    handlerPhone: 'Handler’s phone',
    taskCodes: 'Tasks to forward',
    forwardDeadline: 'Units’ deadline',
    units: 'Units',
    inboxEmail: 'The agency’s email address',
    task: 'Task',
    summary: 'Report',
    attachment: 'Attachment',
    extensionUntil: 'Extend until',
    reportVersion: 'Report version',
    reason: 'Reason',
    until: 'Until',
    from: 'From',
    to: 'To',
    csvFile: 'CSV file',
    decision: 'Decision',
    newDeadline: 'New deadline',
    limit: 'limit',
    file: 'File',
    originalFile: 'Original of the directive',
    annexes: 'Annexes',
  },
  texts: {
    'field.required': ({ field }, { label }) => `${label(field)}: required`,
    'field.choose': ({ field }, { label }) => `${label(field)}: choose one`,
    'field.tooLong': ({ field, max }, { label }) =>
      `${label(field)}: at most ${plural(max, 'character', 'characters')}`,
    'field.email': ({ field }, { label }) => `${label(field)}: not a valid email address`,
    'field.phone': ({ field }, { label }) =>
      `${label(field)}: not a valid Vietnamese phone number (e.g. 0269 3824 123 or +84 912 345 678)`,
    'field.instant': ({ field }, { label }) =>
      `${label(field)}: an ISO 8601 date and time with its offset, e.g. 2021-02-03T17:00:00+07:00`,
    'field.day': ({ field, value }, { label }) =>
      `${label(field)}: ${value ? `“${value}” is not a real day; ` : ''}a date as day/month/year, e.g. 05/12/2026`,
    'field.isoDate': ({ field }, { label }) => `${label(field)}: a date as YYYY-MM-DD`,
    'field.date': ({ field }, { label }) => `${label(field)}: a valid date`,
    'field.duration': ({ field }, { label }) => `${label(field)}: an ISO 8601 duration, e.g. PT8H or P1D`,
    'field.minHours': ({ field, hours }, { label }) => `${label(field)}: at least ${plural(hours, 'hour', 'hours')}`,
    'field.maxDays': ({ field, days }, { label }) => `${label(field)}: at most ${plural(days, 'day', 'days')}`,
    'field.number': ({ field }, { label }) => `${label(field)}: a number`,
    'field.integer': ({ field }, { label }) => `${label(field)}: a whole number`,
    'field.min': ({ field, min }, { label }) => `${label(field)}: at least ${n(min)}`,
    'field.max': ({ field, max }, { label }) => `${label(field)}: at most ${n(max)}`,
    'field.reserved': ({ field }, { label }) => `${label(field)}: this name is reserved, please choose another`,
    'field.invalid': ({ field }, { label }) => `${label(field)}: not valid`,
    'field.tooLargeMb': ({ field, mb }, { label }) => `${label(field)}: at most ${n(mb)} MB`,
    'field.requiredToGrant': ({ field }, { label }) => `${label(field)}: required to grant an extension`,
    'field.atLeastOneAgency': ({ field }, { label }) => `${label(field)}: choose at least one agency`,
    'field.atMostAgencies': ({ field, max }, { label }) => `${label(field)}: at most ${n(max)} agencies`,
    'field.notAfterNow': ({ field }, { label }) => `${label(field)}: must be later than now`,
    'field.notAfterDeadline': ({ field, deadline }, { label }) =>
      `${label(field)}: must be later than the deadline in force (${formatDateTime(deadline)})`,
    'deadline.past': ({ field }, { label }) => `${label(field)}: already past, a time after now is needed`,
    'deadline.beforeIssue': ({ field }, { label }) => `${label(field)}: before the directive’s issue date`,
    'deadline.tooFar': ({ field, years }, { label }) =>
      `${label(field)}: no more than ${plural(years, 'year', 'years')} from today`,
    'agencyId.format': (_, { label }) =>
      `${label('agencyId')}: only unaccented letters, digits, dots and dashes (at most 64 characters)`,
    'taskCode.format': (_, { label }) =>
      `${label('taskCode')}: only letters, digits, dots, dashes or slashes, e.g. 1.3`,
    'recurrence.every': (_, { label }) => `${label('recurrence')}: daily (P1D) or weekly (P1W)`,
    'recipients.required': (_, { label }) => `${label('recipients')}: choose the agencies that receive it`,
    'leadership.atLeastOne': (_, { label }) => `${label('leadership')}: at least one person`,
    'tasks.atLeastOne': (_, { label }) => `${label('tasks')}: at least one task`,
    'directive.tooLarge': ({ kb, maxKb }) =>
      `The directive is too long to store (${n(kb)} KB, at most ${n(maxKb)} KB): shorten its text or its tasks`,
    'recipient.duplicate': ({ id }) => `Agency id listed twice: ${id}`,
    'task.oneDeadline': () => 'Choose one of the two: a deadline date, or a number of working days',
    'task.firstPeriodMissing': () => 'Periodic report: the deadline of the first period is needed',
    'task.tooManyPeriods': ({ max }) => `Periodic report: at most ${n(max)} periods`,
    'task.duplicate': ({ code }) => `Task code listed twice: ${code}`,
    'task.unknownAssignee': ({ id }) => `The assigned agency "${id}" is not among the recipients`,
    'agency.tooManyReports': ({ id, max, total }) =>
      `An agency may owe at most ${n(max)} reports under one directive (agency ${id}: ${n(total)})`,
    'parse.emptyText': () => 'There is no directive text yet: paste the full text of the directive to read.',
    'refusal.alreadySent': () => 'Already sent.',
    'refusal.alreadyHandled': () => 'Already handled.',
    'refusal.withdrawn': () => 'The directive has been withdrawn for this agency.',
    'refusal.completed': () => 'The agency has completed the tasks of this directive.',
    'refusal.undeliverable': () => 'The directive could not be delivered to this agency.',
    'refusal.unknownTask': ({ taskCode }) =>
      `Task ${taskCode} is not one of this agency’s tasks, or it asks for no report.`,
    'refusal.alreadyAcknowledged': () => 'The agency has already acknowledged receipt of the directive.',
    'refusal.alreadyReported': ({ taskCode }) => `The agency has already sent its report on task ${taskCode}.`,
    'refusal.notDue': () => 'This step is no longer pending.',
    'refusal.alreadyWithdrawn': () => 'Already withdrawn.',
    'refusal.extensionPending': () => 'The extension request was already sent and awaits a decision.',
    'refusal.tooSoon': () =>
      'The agency has just asked for an extension of this task; a new request can be sent after 1 hour, or once the issuing office has answered.',
    'refusal.tooMany': ({ max }) =>
      `The agency has ${n(max)} extension requests awaiting a decision; please wait for the issuing office to answer.`,
    'refusal.noSuchDeadline': ({ taskCode }) => `Task ${taskCode} has no report deadline for this agency.`,
    'refusal.deadlineApplied': () => 'The new deadline is already in force.',
    'refusal.noPendingExtension': () => 'There is no extension request awaiting a decision.',
    'refusal.ended': () => 'Already ended.',
    'refusal.resumed': () => 'Tracking has already moved on to a new run.',
    'refusal.alreadyReassigned': () => 'The assignment is already at this address.',
    'refusal.reassignedElsewhere': () =>
      'Meanwhile someone else moved this assignment to another address. Reload the dashboard and check it.',
    'refusal.handlerUnchanged': () => 'This person is already named as the handler.',
    'correction.notReported': ({ taskCode }) =>
      `You have not reported on task ${taskCode} yet: there is nothing to correct.`,
    'correction.superseded': () =>
      'This report was already corrected; the page below shows the latest version. Correct that one if needed.',
    'correction.pastDeadline': ({ taskCode, deadline }) =>
      `The deadline of task ${taskCode} (${formatDateTime(deadline)}) has passed: the report can no longer be corrected. ` +
      'The report you sent stays as it is.',
    'correction.tooMany': ({ taskCode, max }) =>
      `The report on task ${taskCode} has been corrected ${n(max)} times, the most allowed. Contact the issuing office if it needs more changes.`,
    'correction.unchanged': () =>
      'The correction is the same as the report in force: change the text or choose a new file.',
    'forward.unitLine': ({ line }, { label }) =>
      `${label('units')}, line ${line}: write "Unit name <email>", e.g. "UBND xã Ia Blang <xaiablang@example.vn>"`,
    'forward.unitDuplicate': ({ line, email }, { label }) =>
      `${label('units')}, line ${line}: ${email} is already on an earlier line`,
    'forward.tooManyUnits': ({ max }, { label }) => `${label('units')}: at most ${n(max)} units`,
    'forward.notOwnTask': ({ taskCode }, { label }) =>
      `${label('taskCodes')}: task ${taskCode} is not one of yours, or is already reported`,
    'forward.afterOwnDeadline': ({ date, deadline }, { label }) =>
      `${label('forwardDeadline')}: ${date.split('-').reverse().join('/')} is later than your own deadline (${formatDateTime(deadline)})`,
    'forward.datePast': ({ date }, { label }) =>
      `${label('forwardDeadline')}: ${date.split('-').reverse().join('/')} has passed`,
    'forward.already': () =>
      'You have already forwarded this directive to your units; each task is forwarded once. ' +
      'Follow your units on the "Units" page.',
    'forward.closed': () => 'This assignment is closed (completed or withdrawn): it can no longer be forwarded.',
    'forward.none': () => 'You have not forwarded this directive to any unit.',
    'directive.notFound': ({ id }) => `No directive ${id}`,
    'assignment.notFound': ({ directiveId, recipientId }) => `No agency ${recipientId} in directive ${directiveId}`,
    'directive.keyReused': () =>
      'A directive with the same number and issuing body (or the same Idempotency-Key) was already issued with different content.',
    'directive.issueInProgress': () =>
      'This directive (same Idempotency-Key, or same number and issuing body) is being issued right now. Please try again in 2 minutes.',
    'directive.duplicateNumber': ({ number, issuer, year, subject, issuedOn, id }) =>
      `Number ${number} of ${issuer} in ${year} is already used by the directive "${subject}" ` +
      `(${issuedOn.split('-').reverse().join('/')}, id ${id}). To reuse it on purpose, tick "Deliberately reuse a number already used this year".`,
    'store.busy': () => 'The record is being updated by someone else at the same time; please try again.',
    'link.invalid': () => 'This link is not valid.',
    'link.expired': () => 'This link has expired. Please ask the issuing office to send it again.',
    'link.replaced': () => 'This link has been replaced by a newer one sent by email. Please use the latest link.',
    'link.reassigned': () =>
      'This assignment has moved to another address at the issuing office’s request: this link no longer works. ' +
      'The new address has received its own link. If you think this is a mistake, contact the issuing office.',
    'link.directiveNotFound': () => 'The directive of this link was not found.',
    'shortLink.unknown': () => 'This short link is not valid. Please use the link in the directive’s email.',
    'shortLink.withdrawn': () =>
      'The issuing office has withdrawn this assignment from your agency: the link no longer works. Please contact the issuing office.',
    'inbox.invalid': () => 'This inbox link is not valid. Please ask for a new link.',
    'inbox.expired': () => 'This inbox link has expired (after 30 days). Please ask for a new link.',
    'attachment.notFound': () => 'There is no attachment.',
    'attachment.noContent': (_, { label }) =>
      `${label('attachment')}: the file’s content did not arrive, please reload the page and send it again`,
    'attachment.empty': (_, { label }) => `${label('attachment')}: the file is empty (0 bytes)`,
    'file.unsupported': (_, { label }) =>
      `${label('file')}: only DOCX, PDF, PNG and JPEG files are accepted (or plain text when reading a directive)`,
    'file.noTextLayer': () =>
      'This PDF is a scan with no text layer, so its text cannot be read. ' +
      'Please paste the text of the directive instead (or upload the DOCX).',
    'file.noText': (_, { label }) => `${label('file')}: the file holds no text to read`,
    'file.unreadable': (_, { label }) =>
      `${label('file')}: the file is damaged or protected by a password; please paste the text of the directive`,
    'file.unknown': ({ id }) => `There is no file ${id}: please upload the file again`,
    'file.notFound': () => 'File not found.',
    'period.reversed': (_, { label }) => `${label('to')} must be after ${label('from')}`,
    'urging.nothingOverdue': () => 'No agency is overdue with a report.',
    'csv.unreadable': ({ detail }) =>
      `The file could not be read (${detail}). Please save it again as CSV UTF-8 or XLSX`,
    'csv.row': ({ row, problem }, { render }) => `Row ${row}: ${render(problem)}`,
    'csv.empty': () => 'The file has no data rows',
    'import.notUtf8': () =>
      'The CSV file is not UTF-8, so Vietnamese letters would be garbled. In Excel, use Save As, type "CSV UTF-8", or save as XLSX',
    'import.missingColumns': ({ columns }) =>
      `The header row lacks the columns: ${columns}. The file's first line must be the column headers, as in the sample file`,
    'extension.decision': (_, { label }) => `${label('decision')}: grant or refuse`,
    'session.required': () => 'Please sign in.',
    'office.readOnly': () =>
      "A province account (the provincial People's Committee) reads every office's directives and cannot issue, withdraw, extend or resend.",
    'session.signedOut': () => 'This session has ended (signed out). Please sign in again.',
    'route.notFound': () => 'Not found.',
    'page.notFound': () => 'There is no such page.',
    'request.notJson': () => 'The body is not valid JSON',
    'request.badEscape': () => 'The address or the data sent has an invalid % escape.',
    'request.tooLarge': ({ mb }) => `What was sent is too large: at most ${n(mb)} MB. Please send a smaller file.`,
    'request.crossSite': () => 'The request was refused because it did not come from this site’s pages.',
    'system.error': () => 'System error. Please try again later.',
    'form.unreadable': () => UNREADABLE,
    'form.unnamedPart': () => `${UNREADABLE} (A part of the form has no field name.)`,
    'form.badFieldName': ({ name }) => `Invalid field name: ${name}`,
    'form.repeatedField': ({ name }) => `Field ${name} was sent more than once.`,
    'form.noBoundary': () => `${UNREADABLE} (The Content-Type has no "boundary".)`,
    'form.fileCut': () => `The file sent was cut off before its end. ${UNREADABLE}`,
    'form.fieldTooLong': ({ name }) => `Field ${name} is too long.`,
    'form.tooManyFiles': ({ max }) => `At most ${plural(max, 'file', 'files')} can be sent at once.`,
    'form.tooManyFields': () => 'The form sent has too many fields.',
    'form.tooManyParts': () => 'The form sent has too many parts.',
    'form.incomplete': () => `The form sent is incomplete. ${UNREADABLE}`,
    'input.unchecked': ({ detail }) => detail,
  },
};
