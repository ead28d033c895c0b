/** The words of the phone notices on the officials' pages: the office's settings, the dashboard's column. */
export const noticesVi = {
  nav: 'Cài đặt',
  title: 'Cài đặt của cơ quan',
  intro:
    'Ngoài email, cơ quan có thể gửi một tin ngắn tới điện thoại của đơn vị nhận (số trong danh bạ): khi ban hành, khi nhắc hạn và khi quá hạn. Tin chỉ gửi trong giờ hành chính (08:00–17:00 ngày làm việc); email vẫn là văn bản chính thức.',
  channels: 'Kênh gửi tin',
  sms: 'Gửi tin nhắn SMS',
  zalo: 'Gửi tin Zalo (ZNS)',
  notConfigured: 'chưa được cấu hình trên hệ thống này: tin sẽ không được gửi cho tới khi quản trị viên cấu hình',
  appliesHint:
    'Thay đổi áp dụng cho công văn ban hành từ nay; công văn đã ban hành giữ các kênh đã chọn khi ban hành. Đơn vị đánh dấu “Không nhận SMS” hoặc “Không nhận Zalo” trong danh bạ không nhận tin qua kênh đó.',
  save: 'Lưu cài đặt',
  saved: 'Đã lưu cài đặt.',
  readOnly: 'Văn phòng UBND tỉnh chỉ xem cài đặt, không thay đổi được.',
  /** The dashboard's column: which channels reached each agency. */
  column: 'Kênh đã gửi',
  email: 'Email',
  reached: 'đã gửi',
  failed: 'lỗi',
  none: 'không gửi',
  noSms: 'Không nhận SMS',
  headPhone: 'Điện thoại thủ trưởng',
  noZalo: 'Không nhận Zalo',
};

export type NoticesMessages = typeof noticesVi;
