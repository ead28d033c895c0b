/**
 * Every Vietnamese text the parser puts in a warning, in one place so that the official who reads the form sees
 * one voice, and `index.ts` can hand the empty-text message to the route.
 */
export const MESSAGES = {
  empty: 'Chưa có nội dung công văn: hãy dán toàn văn công văn cần đọc.',
  broken:
    'Văn bản bị lỗi dấu tiếng Việt (chữ bị thay bằng ? hoặc �): các giá trị lấy từ văn bản được giữ nguyên, cần sửa lại.',
  article:
    'Văn bản là bài báo tường thuật công văn, không phải bản gốc: chỉ lấy được một phần, cần đối chiếu với công văn gốc.',
  number: 'Không tìm thấy số, ký hiệu công văn (dòng "Số: …").',
  numberBlank: 'Số công văn còn để trống: nhập số khi văn bản được đăng ký.',
  issuer: 'Không tìm thấy cơ quan ban hành.',
  issuerParentInferred: 'Cơ quan chủ quản được suy ra từ tên tỉnh trong bài viết: kiểm tra lại.',
  placeInferred: 'Địa danh được suy ra từ tên tỉnh trong bài viết: kiểm tra lại.',
  issuedOn: 'Không tìm thấy ngày ban hành (dòng "…, ngày … tháng … năm …").',
  issuedOnBlankDay: 'Ngày ban hành chưa ghi ngày: nhập ngày ký.',
  issuedOnInvalid: 'Ngày ban hành không hợp lệ.',
  issuedOnYear: (day: string, year: number, reason: string) =>
    `Bài viết chỉ ghi "${day}", không ghi năm: năm ${year} được suy ra từ nội dung (${reason}), cần kiểm tra lại.`,
  subject: 'Không tìm thấy trích yếu (dòng "V/v …").',
  subjectFromArticle: 'Trích yếu lấy từ câu "về việc …" trong bài viết: kiểm tra lại.',
  addresseesFromRequests:
    'Không có phần "Kính gửi": nơi nhận lấy từ các đơn vị mà văn bản yêu cầu, đề nghị hoặc giao thực hiện; kiểm tra lại.',
  issuerFromRequest: 'Cơ quan ban hành lấy từ câu yêu cầu, đề nghị trong văn bản: kiểm tra lại.',
  addresseesFromArticle: 'Nơi nhận lấy từ câu "gửi …" trong bài viết: kiểm tra lại cách tách các nhóm đơn vị.',
  recipients: 'Không tìm thấy phần "Kính gửi": chọn đơn vị nhận từ danh bạ.',
  recipientEmail: 'Chưa có email của đơn vị: chọn từ danh bạ.',
  signer: 'Không tìm thấy người ký.',
  signerName: 'Không tìm thấy họ tên người ký.',
  signerTitle: 'Không tìm thấy chức vụ người ký.',
  leadership: 'Không tìm thấy lãnh đạo nhận cảnh báo (dòng liên hệ có số điện thoại): nhập ít nhất một người.',
  leadershipFromSigner: 'Lãnh đạo nhận cảnh báo lấy từ người ký vì văn bản không có dòng liên hệ: kiểm tra lại.',
  leaderEmail: 'Chưa có email của lãnh đạo: nhập địa chỉ email.',
  copies: 'Không tìm thấy phần "Nơi nhận": thêm các nơi nhận để báo cáo, phối hợp nếu cần.',
  tasks: 'Không tìm thấy nhiệm vụ nào trong văn bản.',
  noDeadline: 'Không nhiệm vụ nào có thời hạn: nhập hạn báo cáo nếu cần.',
  duplicateCode: (code: string) => `Mã nhiệm vụ "${code}" trùng với một nhiệm vụ trước: đánh số lại.`,
  noAssignees: 'Chưa xác định được đơn vị thực hiện: chọn từ danh sách Kính gửi.',
  unknownAssignees: (names: string[]) =>
    `Không có trong danh sách Kính gửi: ${names.map((n) => `"${n}"`).join(', ')}; nhiệm vụ chỉ giao cho các đơn vị có trong danh sách.`,
  unknownOnlyAssignees: (names: string[]) =>
    `Đơn vị thực hiện ${names.map((n) => `"${n}"`).join(', ')} không có trong danh sách Kính gửi: chọn đơn vị thực hiện hoặc thêm vào Kính gửi.`,
  severalDeadlines: (phrases: string[]) =>
    `Nhiệm vụ có nhiều thời hạn (${phrases.join('; ')}): đã lấy thời hạn sớm nhất.`,
  deadlineYear: (phrase: string, year: number) =>
    `Thời hạn "${phrase}" không ghi năm: đã suy ra năm ${year} từ ngày ban hành.`,
  deadlineInvalid: (phrase: string) => `Thời hạn "${phrase}" không phải ngày hợp lệ: nhập lại.`,
  deadlineNoYear: (phrase: string) => `Thời hạn "${phrase}" không ghi năm và không có ngày ban hành để suy ra.`,
  firstPeriod: (date: string) =>
    `Báo cáo định kỳ: hạn kỳ đầu được suy ra là ngày ${date.split('-').reverse().join('/')}: kiểm tra lại.`,
  firstPeriodMissing: 'Báo cáo định kỳ: cần hạn của kỳ đầu tiên.',
  recurrenceUntil: 'Báo cáo định kỳ không ghi ngày kết thúc: nhập ngày báo cáo cuối cùng.',
  recurrenceUnsupported:
    'Báo cáo hằng tháng hoặc hằng quý chưa được hỗ trợ: chọn hằng ngày, hằng tuần, hoặc nhập từng hạn.',
  bothDeadlines: 'Nhiệm vụ vừa có hạn theo ngày vừa có số ngày làm việc: chỉ giữ một trong hai.',
  workingDays: (n: number) =>
    `Thời hạn tính theo ngày làm việc (${n} ngày): hạn cụ thể được tính theo lịch làm việc khi ban hành.`,
  deadlineWithoutReport: 'Nhiệm vụ có thời hạn nhưng không thấy yêu cầu báo cáo: kiểm tra lại.',
} as const;
