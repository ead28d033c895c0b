import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type Problem, type ProblemCode, type ProblemParams, problem } from '#contracts/problems.ts';
import { render } from '#web/i18n/index.ts';
import { enProblems } from '#web/i18n/problems-en.ts';
import { viProblems } from '#web/i18n/problems-vi.ts';

/**
 * Every problem code of the catalogue (functions/contracts/problems.ts) has a Vietnamese and an English text, and
 * every field a label in both. TypeScript already refuses a missing one; this checks the run-time catalogue and
 * what the texts make of real parameters.
 */

/** One example of each code's parameters: a code added to the catalogue without one here does not compile. */
const EXAMPLES: { [C in ProblemCode]: ProblemParams[C] } = {
  'field.required': { field: 'number' },
  'field.choose': { field: 'assignees' },
  'field.tooLong': { field: 'subject', max: 1000 },
  'field.email': { field: 'recipientEmail' },
  'field.phone': { field: 'handlerPhone' },
  'field.instant': { field: 'deadline' },
  'field.isoDate': { field: 'issuedOn' },
  'field.day': { field: 'until', value: '31/02/2026' },
  'field.date': { field: 'extensionUntil' },
  'field.duration': { field: 'acknowledgeWithin' },
  'field.minHours': { field: 'remindBefore', hours: 1 },
  'field.maxDays': { field: 'acknowledgeWithin', days: 30 },
  'field.number': { field: 'workingDays' },
  'field.integer': { field: 'limit' },
  'field.min': { field: 'workingDays', min: 1 },
  'field.max': { field: 'workingDays', max: 60 },
  'field.reserved': { field: 'taskCode' },
  'field.invalid': { field: 'attachment' },
  'field.tooLargeMb': { field: 'attachment', mb: 4 },
  'field.requiredToGrant': { field: 'newDeadline' },
  'field.atLeastOneAgency': { field: 'recipients' },
  'field.atMostAgencies': { field: 'recipients', max: 5000 },
  'field.notAfterNow': { field: 'newDeadline' },
  'field.notAfterDeadline': { field: 'extensionUntil', deadline: '2026-03-13T10:00:00.000Z' },
  'deadline.past': { field: 'deadline' },
  'deadline.beforeIssue': { field: 'firstDeadline' },
  'deadline.tooFar': { field: 'recurrenceUntil', years: 2 },
  'agencyId.format': {},
  'taskCode.format': {},
  'recurrence.every': {},
  'recipients.required': {},
  'leadership.atLeastOne': {},
  'tasks.atLeastOne': {},
  'directive.tooLarge': { kb: 412, maxKb: 300 },
  'recipient.duplicate': { id: 'cong-an' },
  'task.oneDeadline': {},
  'task.firstPeriodMissing': {},
  'task.tooManyPeriods': { max: 366 },
  'task.duplicate': { code: '1.2' },
  'task.unknownAssignee': { id: 'vnpt' },
  'agency.tooManyReports': { id: 'vnpt', max: 366, total: 400 },
  'parse.emptyText': {},
  'refusal.alreadySent': {},
  'refusal.alreadyHandled': {},
  'refusal.withdrawn': {},
  'refusal.completed': {},
  'refusal.undeliverable': {},
  'refusal.unknownTask': { taskCode: '2.2' },
  'refusal.alreadyAcknowledged': {},
  'refusal.alreadyReported': { taskCode: '1.3' },
  'refusal.notDue': {},
  'refusal.alreadyWithdrawn': {},
  'refusal.extensionPending': {},
  'refusal.tooSoon': {},
  'refusal.tooMany': { max: 5 },
  'refusal.noSuchDeadline': { taskCode: '1.3' },
  'refusal.deadlineApplied': {},
  'refusal.noPendingExtension': {},
  'refusal.ended': {},
  'refusal.resumed': {},
  'refusal.alreadyReassigned': {},
  'refusal.reassignedElsewhere': {},
  'refusal.handlerUnchanged': {},
  'correction.notReported': { taskCode: '1.3' },
  'correction.superseded': {},
  'correction.pastDeadline': { taskCode: '1.3', deadline: '2026-03-06T10:00:00.000Z' },
  'correction.tooMany': { taskCode: '1.3', max: 10 },
  'correction.unchanged': {},
  'forward.unitLine': { line: 3 },
  'forward.unitDuplicate': { line: 4, email: 'xa@example.vn' },
  'forward.tooManyUnits': { max: 100 },
  'forward.notOwnTask': { taskCode: '2' },
  'forward.afterOwnDeadline': { date: '2026-03-20', deadline: '2026-03-13T10:00:00.000Z' },
  'forward.datePast': { date: '2026-03-01' },
  'forward.already': {},
  'forward.closed': {},
  'forward.none': {},
  'directive.notFound': { id: '01J0000000000000000000000A' },
  'assignment.notFound': { directiveId: '01J0000000000000000000000A', recipientId: 'vnpt' },
  'directive.keyReused': {},
  'directive.issueInProgress': {},
  'directive.duplicateNumber': {
    number: '77/STTTT-BCVT',
    issuer: 'Sở TT&TT Gia Lai',
    year: '2026',
    subject: 'V/v triển khai',
    issuedOn: '2026-03-06',
    id: '01J0000000000000000000000A',
  },
  'store.busy': {},
  'link.invalid': {},
  'link.expired': {},
  'link.replaced': {},
  'link.reassigned': {},
  'link.directiveNotFound': {},
  'shortLink.unknown': {},
  'shortLink.withdrawn': {},
  'inbox.invalid': {},
  'inbox.expired': {},
  'attachment.notFound': {},
  'attachment.noContent': {},
  'attachment.empty': {},
  'file.unsupported': {},
  'file.noTextLayer': {},
  'file.noText': {},
  'file.unreadable': {},
  'file.unknown': { id: '01JH6Y6W8ZQ3M5X2C4V7B9N0PR' },
  'file.notFound': {},
  'period.reversed': {},
  'urging.nothingOverdue': {},
  'csv.unreadable': { detail: 'Invalid Record Length' },
  'csv.row': { row: 3, problem: problem('field.email', { field: 'directoryEmail' }) },
  'csv.empty': {},
  'import.notUtf8': {},
  'import.missingColumns': { columns: 'id, email' },
  'extension.decision': {},
  'session.required': {},
  'session.signedOut': {},
  'office.readOnly': {},
  'route.notFound': {},
  'page.notFound': {},
  'request.notJson': {},
  'request.badEscape': {},
  'request.tooLarge': { mb: 10 },
  'request.crossSite': {},
  'system.error': {},
  'form.unreadable': {},
  'form.unnamedPart': {},
  'form.badFieldName': { name: 'a b' },
  'form.repeatedField': { name: 'summary' },
  'form.noBoundary': {},
  'form.fileCut': {},
  'form.fieldTooLong': { name: 'summary' },
  'form.tooManyFiles': { max: 1 },
  'form.tooManyFields': {},
  'form.tooManyParts': {},
  'form.incomplete': {},
  'input.unchecked': { detail: 'Too small: expected number to be >=1' },
};

/** Letters only Vietnamese writes: an English text with one of them fell back on Vietnamese words. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** The codes whose text is a parameter given as it came (zod's words), the same in both languages. */
const PASSED_THROUGH = new Set<ProblemCode>(['input.unchecked']);

const example = (code: ProblemCode) => ({ code, params: EXAMPLES[code] }) as Problem;

describe('the problem catalogue and its texts', () => {
  it('lists the same codes as each language, no more and no fewer', () => {
    expect([...PROBLEM_CODES].sort()).toEqual(Object.keys(EXAMPLES).sort());
    expect(Object.keys(viProblems.texts).sort()).toEqual([...PROBLEM_CODES].sort());
    expect(Object.keys(enProblems.texts).sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('gives every field a label in both languages', () => {
    expect(Object.keys(enProblems.fields).sort()).toEqual(Object.keys(viProblems.fields).sort());
    for (const [field, label] of Object.entries(viProblems.fields)) {
      expect(label, field).not.toBe('');
      expect(enProblems.fields[field as keyof typeof enProblems.fields], field).not.toBe('');
    }
    for (const [field, label] of Object.entries(enProblems.fields)) expect(label, field).not.toMatch(VIETNAMESE);
  });

  it.each(PROBLEM_CODES)('%s has a Vietnamese and an English text', (code) => {
    const vi = render(example(code), 'vi');
    const en = render(example(code), 'en');
    expect(vi.trim().length, 'vi').toBeGreaterThan(0);
    expect(en.trim().length, 'en').toBeGreaterThan(0);
    if (PASSED_THROUGH.has(code)) return;
    expect(en).not.toBe(vi);
    // Examples are in ASCII but for the issuer's name, which the duplicate-number text quotes.
    if (code !== 'directive.duplicateNumber') expect(en).not.toMatch(VIETNAMESE);
  });

  it('renders the Vietnamese officials and agencies have always read', () => {
    const vi = (p: Problem) => render(p, 'vi');
    expect(vi(problem('field.required', { field: 'number' }))).toBe('Số, ký hiệu: bắt buộc nhập');
    expect(vi(problem('field.required', { field: 'agencyName' }))).toBe('Tên đơn vị: bắt buộc nhập');
    expect(vi(problem('field.tooLong', { field: 'legalBases', max: 2000 }))).toBe('Căn cứ: tối đa 2000 ký tự');
    expect(vi(problem('field.tooLong', { field: 'body', max: 100_000 }))).toBe('Nội dung: tối đa 100.000 ký tự');
    expect(vi(problem('deadline.past', { field: 'deadline' }))).toBe(
      'Hạn báo cáo: đã qua, cần một thời điểm sau bây giờ',
    );
    expect(vi(problem('deadline.tooFar', { field: 'recurrenceUntil', years: 2 }))).toBe(
      'Định kỳ đến ngày: không quá 2 năm kể từ hôm nay',
    );
    expect(vi(problem('field.notAfterDeadline', EXAMPLES['field.notAfterDeadline']))).toBe(
      'Gia hạn đến ngày: phải sau hạn hiện tại (17:00 13/03/2026)',
    );
    expect(vi(problem('refusal.tooSoon'))).toBe(
      'Đơn vị vừa gửi đề nghị gia hạn cho nhiệm vụ này; có thể gửi đề nghị mới sau 1 giờ hoặc khi cơ quan ban hành đã trả lời.',
    );
    expect(vi(problem('period.reversed'))).toBe('Đến ngày phải sau Từ ngày');
    expect(vi(example('csv.row'))).toBe('Dòng 3: Email: địa chỉ email không hợp lệ');
    expect(vi(example('directive.duplicateNumber'))).toBe(
      'Số 77/STTTT-BCVT của Sở TT&TT Gia Lai năm 2026 đã dùng cho công văn "V/v triển khai" (ngày 06/03/2026, mã 01J0000000000000000000000A). Nếu cố ý dùng lại số này, hãy đánh dấu "Cố ý dùng lại số".',
    );
  });

  it('renders English with its own labels and number grouping', () => {
    expect(render(problem('field.tooLong', { field: 'subject', max: 1000 }), 'en')).toBe(
      'Subject (V/v): at most 1,000 characters',
    );
    expect(render(problem('field.minHours', { field: 'remindBefore', hours: 1 }), 'en')).toBe(
      'Remind before the deadline: at least 1 hour',
    );
    expect(render(example('csv.row'), 'en')).toBe('Row 3: Email: not a valid email address');
  });
});
