/** The words of an agency's inbox pages, in Vietnamese (the shape of every language's). */
export const inboxVi = {
  title: 'Công văn của đơn vị',
  intro:
    'Nhập địa chỉ email đơn vị dùng để nhận công văn chỉ đạo. Hệ thống sẽ gửi tới hộp thư đó một đường dẫn để xem toàn bộ công văn đơn vị đã nhận, từ mọi cơ quan ban hành.',
  email: 'Địa chỉ email của đơn vị',
  submit: 'Gửi đường dẫn',
  sentTitle: 'Đã nhận yêu cầu',
  /** The one answer, whatever the address: nothing can be learnt from it. */
  sent: 'Nếu địa chỉ này có công văn cần xử lý, một đường dẫn đã được gửi tới hộp thư.',
  sentHint: 'Đường dẫn có hiệu lực 30 ngày. Không thấy thư? Hãy xem cả thư mục thư rác.',
  listTitle: (email: string) => `Công văn gửi tới ${email}`,
  validUntil: (date: string) => `Đường dẫn này có hiệu lực đến ${date}. Không chuyển tiếp đường dẫn này.`,
  open: 'Đang cần xử lý',
  closed: 'Đã xong hoặc đã thu hồi',
  none: 'Không có công văn nào.',
  noneOpen: 'Không có công văn nào đang cần xử lý.',
  number: 'Số, ký hiệu',
  subject: 'Trích yếu',
  issuer: 'Cơ quan ban hành',
  status: 'Tình trạng',
  deadline: 'Hạn gần nhất',
  lastDeadline: 'Hạn',
  overdue: 'quá hạn',
  openPage: 'Mở trang công văn',
  noPage: 'Công văn không còn trang riêng.',
  askAgain: 'Yêu cầu đường dẫn mới',
  invalidTitle: 'Đường dẫn không hợp lệ',
  goneTitle: 'Đường dẫn đã hết hạn',
};

export type InboxMessages = typeof inboxVi;
