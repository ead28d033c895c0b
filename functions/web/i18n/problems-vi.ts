import { formatDateTime } from '#core/calendar/time.ts';
import { MESSAGES as PARSER } from '#parsing/messages.ts';
import type { ProblemTexts } from './problems.ts';

/**
 * Problems in Vietnamese, the words officials and agencies have always seen. Numbers of five digits and more are
 * grouped with dots (100.000); shorter ones are written as they are (2000).
 */
const n = (x: number) => (Math.abs(x) >= 10_000 ? x.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.') : String(x));

/** dd/MM/yyyy from YYYY-MM-DD. */
const dmy = (ymd: string) => ymd.split('-').reverse().join('/');

const UNREADABLE = 'Không đọc được biểu mẫu gửi lên. Vui lòng tải lại trang rồi gửi lại.';

export const viProblems: ProblemTexts = {
  fields: {
    number: 'Số, ký hiệu',
    issuer: 'Cơ quan ban hành',
    issuerParent: 'Cơ quan chủ quản',
    place: 'Địa danh',
    issuedOn: 'Ngày ban hành',
    subject: 'Trích yếu (V/v)',
    addressees: 'Kính gửi',
    recipients: 'Kính gửi',
    legalBases: 'Căn cứ',
    body: 'Nội dung',
    leadership: 'Lãnh đạo nhận cảnh báo',
    tasks: 'Nhiệm vụ',
    acknowledgeWithin: 'Thời hạn xác nhận',
    remindBefore: 'Nhắc trước hạn',
    agencyId: 'Mã đơn vị',
    agencyName: 'Tên đơn vị',
    recipientEmail: 'Email đơn vị',
    recipientPhone: 'Điện thoại đơn vị',
    headName: 'Thủ trưởng đơn vị',
    headEmail: 'Email thủ trưởng đơn vị',
    headPhone: 'Điện thoại thủ trưởng',
    signerName: 'Người ký',
    signerTitle: 'Chức vụ người ký',
    onBehalfOf: 'Thẩm quyền ký (KT., TL., TM.)',
    signerEmail: 'Email người ký',
    leaderName: 'Tên lãnh đạo',
    leaderTitle: 'Chức vụ lãnh đạo',
    leaderEmail: 'Email lãnh đạo',
    leaderPhone: 'Số điện thoại',
    copyName: 'Nơi nhận',
    taskCode: 'Mã nhiệm vụ',
    taskText: 'Nội dung nhiệm vụ',
    assignees: 'Đơn vị thực hiện',
    deadline: 'Hạn báo cáo',
    firstDeadline: 'Hạn của kỳ báo cáo đầu tiên',
    workingDays: 'Số ngày làm việc',
    recurrence: 'Định kỳ',
    recurrenceUntil: 'Định kỳ đến ngày',
    directoryEmail: 'Email',
    directoryPhone: 'Điện thoại',
    directoryHeadPhone: 'Điện thoại thủ trưởng',
    directoryHeadName: 'Thủ trưởng',
    directoryHeadEmail: 'Email thủ trưởng',
    newEmail: 'Địa chỉ email mới',
    newName: 'Tên đơn vị ở địa chỉ mới',
    handlerName: 'Họ tên người xử lý',
    handlerEmail: 'Email người xử lý',
    handlerPhone: 'Điện thoại người xử lý',
    taskCodes: 'Nhiệm vụ chuyển tiếp',
    forwardDeadline: 'Hạn của đơn vị',
    units: 'Các đơn vị nhận',
    inboxEmail: 'Địa chỉ email của đơn vị',
    task: 'Nhiệm vụ',
    summary: 'Nội dung báo cáo',
    attachment: 'Tệp đính kèm',
    extensionUntil: 'Gia hạn đến ngày',
    reportVersion: 'Bản báo cáo',
    reason: 'Lý do',
    until: 'Đến ngày',
    from: 'Từ ngày',
    to: 'Đến ngày',
    csvFile: 'Tệp CSV',
    decision: 'Quyết định',
    newDeadline: 'Hạn mới',
    limit: 'limit',
    file: 'Tệp',
    originalFile: 'Bản gốc công văn',
    annexes: 'Phụ lục',
  },
  texts: {
    'field.required': ({ field }, { label }) => `${label(field)}: bắt buộc nhập`,
    'field.choose': ({ field }, { label }) => `${label(field)}: bắt buộc chọn`,
    'field.tooLong': ({ field, max }, { label }) => `${label(field)}: tối đa ${n(max)} ký tự`,
    'field.email': ({ field }, { label }) => `${label(field)}: địa chỉ email không hợp lệ`,
    'field.phone': ({ field }, { label }) =>
      `${label(field)}: số điện thoại không hợp lệ (ví dụ 0269 3824 123 hoặc +84 912 345 678)`,
    'field.instant': ({ field }, { label }) =>
      `${label(field)}: cần ngày giờ ISO 8601 có múi giờ, ví dụ 2021-02-03T17:00:00+07:00`,
    'field.day': ({ field, value }, { label }) =>
      `${label(field)}: ${value ? `“${value}” không phải là ngày có thật; ` : ''}cần ngày dạng ngày/tháng/năm, ví dụ 05/12/2026`,
    'field.isoDate': ({ field }, { label }) => `${label(field)}: cần ngày dạng YYYY-MM-DD`,
    'field.date': ({ field }, { label }) => `${label(field)}: cần ngày hợp lệ`,
    'field.duration': ({ field }, { label }) => `${label(field)}: cần khoảng thời gian ISO 8601, ví dụ PT8H hoặc P1D`,
    'field.minHours': ({ field, hours }, { label }) => `${label(field)}: ít nhất ${n(hours)} giờ`,
    'field.maxDays': ({ field, days }, { label }) => `${label(field)}: tối đa ${n(days)} ngày`,
    'field.number': ({ field }, { label }) => `${label(field)}: cần một số`,
    'field.integer': ({ field }, { label }) => `${label(field)}: cần một số nguyên`,
    'field.min': ({ field, min }, { label }) => `${label(field)}: ít nhất ${n(min)}`,
    'field.max': ({ field, max }, { label }) => `${label(field)}: tối đa ${n(max)}`,
    'field.reserved': ({ field }, { label }) => `${label(field)}: tên này được dành riêng, vui lòng chọn mã khác`,
    'field.invalid': ({ field }, { label }) => `${label(field)}: không hợp lệ`,
    'field.tooLargeMb': ({ field, mb }, { label }) => `${label(field)}: tối đa ${n(mb)} MB`,
    'field.requiredToGrant': ({ field }, { label }) => `${label(field)}: bắt buộc khi gia hạn`,
    'field.atLeastOneAgency': ({ field }, { label }) => `${label(field)}: chọn ít nhất một đơn vị`,
    'field.atMostAgencies': ({ field, max }, { label }) => `${label(field)}: tối đa ${n(max)} đơn vị`,
    'field.notAfterNow': ({ field }, { label }) => `${label(field)}: phải sau thời điểm hiện tại`,
    'field.notAfterDeadline': ({ field, deadline }, { label }) =>
      `${label(field)}: phải sau hạn hiện tại (${formatDateTime(deadline)})`,
    'deadline.past': ({ field }, { label }) => `${label(field)}: đã qua, cần một thời điểm sau bây giờ`,
    'deadline.beforeIssue': ({ field }, { label }) => `${label(field)}: trước ngày ban hành công văn`,
    'deadline.tooFar': ({ field, years }, { label }) => `${label(field)}: không quá ${n(years)} năm kể từ hôm nay`,
    'agencyId.format': (_, { label }) =>
      `${label('agencyId')}: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 64 ký tự)`,
    'taskCode.format': (_, { label }) =>
      `${label('taskCode')}: chỉ gồm chữ, số, dấu chấm, gạch ngang hoặc gạch chéo, ví dụ 1.3`,
    'recurrence.every': (_, { label }) => `${label('recurrence')}: hằng ngày (P1D) hoặc hằng tuần (P1W)`,
    'recipients.required': (_, { label }) => `${label('recipients')}: bắt buộc chọn đơn vị nhận`,
    'leadership.atLeastOne': (_, { label }) => `${label('leadership')}: cần ít nhất một người`,
    'tasks.atLeastOne': (_, { label }) => `${label('tasks')}: cần ít nhất một nhiệm vụ`,
    'directive.tooLarge': ({ kb, maxKb }) =>
      `Công văn quá dài để lưu (${n(kb)} KB, tối đa ${n(maxKb)} KB): rút gọn nội dung hoặc nhiệm vụ`,
    'recipient.duplicate': ({ id }) => `Mã đơn vị trùng: ${id}`,
    'task.oneDeadline': () => 'Chỉ chọn một trong hai: hạn theo ngày, hoặc số ngày làm việc',
    'task.firstPeriodMissing': () => 'Báo cáo định kỳ: cần hạn của kỳ đầu tiên',
    'task.tooManyPeriods': ({ max }) => `Báo cáo định kỳ: tối đa ${n(max)} kỳ`,
    'task.duplicate': ({ code }) => `Mã nhiệm vụ trùng: ${code}`,
    'task.unknownAssignee': ({ id }) => `Đơn vị thực hiện "${id}" không có trong danh sách Kính gửi`,
    'agency.tooManyReports': ({ id, max, total }) =>
      `Một đơn vị phải gửi tối đa ${n(max)} báo cáo theo một công văn (đơn vị ${id}: ${n(total)})`,
    'parse.emptyText': () => PARSER.empty,
    'refusal.alreadySent': () => 'Đã gửi.',
    'refusal.alreadyHandled': () => 'Đã xử lý.',
    'refusal.withdrawn': () => 'Công văn đã được thu hồi đối với đơn vị này.',
    'refusal.completed': () => 'Đơn vị đã hoàn thành các nhiệm vụ của công văn này.',
    'refusal.undeliverable': () => 'Không gửi được công văn tới đơn vị này.',
    'refusal.unknownTask': ({ taskCode }) => `Nhiệm vụ ${taskCode} không thuộc đơn vị này hoặc không yêu cầu báo cáo.`,
    'refusal.alreadyAcknowledged': () => 'Đơn vị đã báo nhận công văn.',
    'refusal.alreadyReported': ({ taskCode }) => `Đơn vị đã gửi báo cáo nhiệm vụ ${taskCode}.`,
    'refusal.notDue': () => 'Việc này không còn chờ.',
    'refusal.alreadyWithdrawn': () => 'Đã thu hồi.',
    'refusal.extensionPending': () => 'Đề nghị gia hạn đã được gửi, đang chờ xem xét.',
    'refusal.tooSoon': () =>
      'Đơn vị vừa gửi đề nghị gia hạn cho nhiệm vụ này; có thể gửi đề nghị mới sau 1 giờ hoặc khi cơ quan ban hành đã trả lời.',
    'refusal.tooMany': ({ max }) =>
      `Đơn vị đang có ${n(max)} đề nghị gia hạn chờ xem xét; vui lòng chờ cơ quan ban hành trả lời.`,
    'refusal.noSuchDeadline': ({ taskCode }) => `Nhiệm vụ ${taskCode} không có hạn báo cáo của đơn vị này.`,
    'refusal.deadlineApplied': () => 'Hạn mới đã được áp dụng.',
    'refusal.noPendingExtension': () => 'Không có đề nghị gia hạn đang chờ.',
    'refusal.ended': () => 'Đã kết thúc.',
    'refusal.resumed': () => 'Đã chuyển sang lượt theo dõi mới.',
    'refusal.alreadyReassigned': () => 'Nhiệm vụ đã được chuyển đến địa chỉ này.',
    'refusal.reassignedElsewhere': () =>
      'Trong lúc đó, người khác đã chuyển nhiệm vụ này sang địa chỉ khác. Vui lòng tải lại trang theo dõi để kiểm tra.',
    'refusal.handlerUnchanged': () => 'Người này đã được ghi nhận là người xử lý.',
    'correction.notReported': ({ taskCode }) => `Đơn vị chưa gửi báo cáo nhiệm vụ ${taskCode} nên chưa có gì để sửa.`,
    'correction.superseded': () =>
      'Báo cáo này đã được sửa trước đó; trang dưới đây hiển thị bản mới nhất. Nếu cần, hãy sửa từ bản mới nhất.',
    'correction.pastDeadline': ({ taskCode, deadline }) =>
      `Đã quá hạn báo cáo nhiệm vụ ${taskCode} (${formatDateTime(deadline)}) nên không sửa được báo cáo nữa. ` +
      'Báo cáo đã gửi vẫn được giữ nguyên.',
    'correction.tooMany': ({ taskCode, max }) =>
      `Báo cáo nhiệm vụ ${taskCode} đã được sửa ${n(max)} lần, là số lần tối đa. Vui lòng liên hệ cơ quan ban hành nếu cần điều chỉnh thêm.`,
    'correction.unchanged': () => 'Bản sửa giống hệt báo cáo đang có: hãy sửa nội dung hoặc chọn tệp mới.',
    'forward.unitLine': ({ line }, { label }) =>
      `${label('units')}, dòng ${line}: phải có dạng "Tên đơn vị <email>", ví dụ "UBND xã Ia Blang <xaiablang@example.vn>"`,
    'forward.unitDuplicate': ({ line, email }, { label }) =>
      `${label('units')}, dòng ${line}: địa chỉ ${email} đã có ở dòng trước`,
    'forward.tooManyUnits': ({ max }, { label }) => `${label('units')}: tối đa ${n(max)} đơn vị`,
    'forward.notOwnTask': ({ taskCode }, { label }) =>
      `${label('taskCodes')}: nhiệm vụ ${taskCode} không phải nhiệm vụ của đơn vị, hoặc đã báo cáo xong`,
    'forward.afterOwnDeadline': ({ date, deadline }, { label }) =>
      `${label('forwardDeadline')}: ngày ${dmy(date)} muộn hơn hạn của chính đơn vị (${formatDateTime(deadline)})`,
    'forward.datePast': ({ date }, { label }) => `${label('forwardDeadline')}: ngày ${dmy(date)} đã qua`,
    'forward.already': () =>
      'Đơn vị đã chuyển tiếp công văn này cho các đơn vị trực thuộc; mỗi nhiệm vụ được chuyển tiếp một lần. ' +
      'Theo dõi các đơn vị ở trang "Theo dõi đơn vị trực thuộc".',
    'forward.closed': () => 'Nhiệm vụ đã kết thúc (hoàn thành hoặc thu hồi) nên không chuyển tiếp được nữa.',
    'forward.none': () => 'Đơn vị chưa chuyển tiếp công văn này cho đơn vị trực thuộc nào.',
    'directive.notFound': ({ id }) => `Không tìm thấy công văn ${id}`,
    'assignment.notFound': ({ directiveId, recipientId }) =>
      `Không tìm thấy đơn vị ${recipientId} trong công văn ${directiveId}`,
    'directive.keyReused': () =>
      'Công văn cùng số, ký hiệu và cơ quan ban hành (hoặc cùng Idempotency-Key) đã được ban hành với nội dung khác.',
    'directive.issueInProgress': () =>
      'Công văn này (cùng Idempotency-Key hoặc cùng số, ký hiệu) đang được ban hành. Vui lòng thử lại sau 2 phút.',
    'directive.duplicateNumber': ({ number, issuer, year, subject, issuedOn, id }) =>
      `Số ${number} của ${issuer} năm ${year} đã dùng cho công văn "${subject}" ` +
      `(ngày ${dmy(issuedOn)}, mã ${id}). Nếu cố ý dùng lại số này, hãy đánh dấu "Cố ý dùng lại số".`,
    'store.busy': () => 'Hồ sơ đang được cập nhật đồng thời, vui lòng thử lại.',
    'link.invalid': () => 'Liên kết không hợp lệ.',
    'link.expired': () => 'Liên kết đã hết hạn. Vui lòng liên hệ cơ quan ban hành để được gửi lại.',
    'link.reassigned': () =>
      'Theo đề nghị của cơ quan ban hành, nhiệm vụ này đã được chuyển sang địa chỉ email khác nên liên kết này không còn hiệu lực. ' +
      'Địa chỉ mới đã nhận liên kết riêng. Nếu cho rằng có nhầm lẫn, vui lòng liên hệ cơ quan ban hành.',
    'link.replaced': () =>
      'Liên kết này đã được thay bằng liên kết mới gửi qua email. Vui lòng dùng liên kết mới nhất.',
    'link.directiveNotFound': () => 'Không tìm thấy công văn của liên kết này.',
    'shortLink.unknown': () => 'Liên kết rút gọn không đúng. Vui lòng dùng liên kết trong email của công văn.',
    'shortLink.withdrawn': () =>
      'Cơ quan ban hành đã rút nhiệm vụ này khỏi đơn vị nên liên kết không còn hiệu lực. Vui lòng liên hệ cơ quan ban hành.',
    'inbox.invalid': () => 'Liên kết hộp công văn không hợp lệ. Vui lòng yêu cầu một đường dẫn mới.',
    'inbox.expired': () => 'Liên kết hộp công văn đã hết hạn (sau 30 ngày). Vui lòng yêu cầu một đường dẫn mới.',
    'attachment.notFound': () => 'Không có tệp đính kèm.',
    'attachment.noContent': (_, { label }) =>
      `${label('attachment')}: không nhận được nội dung tệp, vui lòng tải lại trang rồi gửi lại`,
    'attachment.empty': (_, { label }) => `${label('attachment')}: tệp rỗng (0 byte)`,
    'file.unsupported': (_, { label }) =>
      `${label('file')}: chỉ nhận tệp DOCX, PDF, PNG, JPEG (hoặc văn bản thuần khi đọc nội dung công văn)`,
    'file.noTextLayer': () =>
      'Tệp PDF này là bản quét, không có lớp chữ nên không đọc được nội dung. ' +
      'Vui lòng dán toàn văn công văn ở bước "Dán văn bản" bên dưới (hoặc tải lên bản DOCX).',
    'file.noText': (_, { label }) => `${label('file')}: tệp không có nội dung chữ để đọc`,
    'file.unreadable': (_, { label }) =>
      `${label('file')}: tệp bị hỏng hoặc có mật khẩu nên không đọc được; vui lòng dán nội dung công văn`,
    'file.unknown': ({ id }) => `Không có tệp mã ${id}: vui lòng tải tệp lên lại`,
    'file.notFound': () => 'Không tìm thấy tệp.',
    'period.reversed': (_, { label }) => `${label('to')} phải sau ${label('from')}`,
    'urging.nothingOverdue': () => 'Không có đơn vị nào quá hạn báo cáo.',
    'csv.unreadable': ({ detail }) => `Tệp không đọc được (${detail}). Vui lòng lưu lại dạng CSV UTF-8 hoặc XLSX`,
    'csv.row': ({ row, problem }, { render }) => `Dòng ${row}: ${render(problem)}`,
    'csv.empty': () => 'Tệp không có dòng dữ liệu nào',
    'import.notUtf8': () =>
      'Tệp CSV không ở mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. Trong Excel, chọn Lưu thành, kiểu "CSV UTF-8", hoặc lưu dạng XLSX',
    'import.missingColumns': ({ columns }) =>
      `Dòng tiêu đề thiếu cột: ${columns}. Dòng đầu của tệp phải là tiêu đề cột, như trong tệp mẫu`,
    'extension.decision': (_, { label }) => `${label('decision')}: grant hoặc refuse`,
    'session.required': () => 'Cần đăng nhập.',
    'office.readOnly': () =>
      'Tài khoản cấp tỉnh (UBND tỉnh) chỉ được xem công văn của các cơ quan, không được ban hành, thu hồi, gia hạn hay gửi lại.',
    'session.signedOut': () => 'Phiên đăng nhập đã kết thúc (đã đăng xuất). Vui lòng đăng nhập lại.',
    'route.notFound': () => 'Không tìm thấy.',
    'page.notFound': () => 'Không có trang này.',
    'request.notJson': () => 'Nội dung gửi lên không phải JSON hợp lệ',
    'request.badEscape': () => 'Địa chỉ hoặc dữ liệu gửi lên có mã % không hợp lệ.',
    'request.tooLarge': ({ mb }) => `Nội dung gửi lên quá lớn: tối đa ${n(mb)} MB. Vui lòng gửi tệp nhỏ hơn.`,
    'request.crossSite': () => 'Yêu cầu bị từ chối vì không xuất phát từ trang của hệ thống.',
    'system.error': () => 'Lỗi hệ thống. Vui lòng thử lại sau.',
    'form.unreadable': () => UNREADABLE,
    'form.unnamedPart': () => `${UNREADABLE} (Một phần của biểu mẫu không có tên trường.)`,
    'form.badFieldName': ({ name }) => `Tên trường không hợp lệ: ${name}`,
    'form.repeatedField': ({ name }) => `Trường ${name} được gửi nhiều lần.`,
    'form.noBoundary': () => `${UNREADABLE} (Thiếu ranh giới "boundary" trong Content-Type.)`,
    'form.fileCut': () => `Tệp gửi lên bị cắt ngang, chưa nhận đủ. ${UNREADABLE}`,
    'form.fieldTooLong': ({ name }) => `Trường ${name} quá dài.`,
    'form.tooManyFiles': ({ max }) => `Chỉ gửi được tối đa ${n(max)} tệp mỗi lần.`,
    'form.tooManyFields': () => 'Biểu mẫu gửi lên có quá nhiều trường.',
    'form.tooManyParts': () => 'Biểu mẫu gửi lên có quá nhiều phần.',
    'form.incomplete': () => `Biểu mẫu gửi lên không trọn vẹn. ${UNREADABLE}`,
    'input.unchecked': ({ detail }) => detail,
  },
};
