/** The words of forwarding to sub-units (the recipient's page and the units' dashboard), in Vietnamese. */
export const viForward = {
  title: 'Chuyển tiếp cho đơn vị trực thuộc',
  intro:
    'Giao một hoặc nhiều nhiệm vụ của đơn vị cho các đơn vị trực thuộc (xã, phường, phòng, ban…). Mỗi đơn vị nhận email ' +
    'với liên kết riêng, được nhắc hạn; đơn vị nào quá hạn sẽ được báo về đơn vị mình (không báo lên cấp trên).',
  tasks: 'Nhiệm vụ chuyển tiếp',
  deadline: 'Hạn báo cáo của các đơn vị (không muộn hơn hạn của đơn vị mình)',
  units: 'Các đơn vị nhận, mỗi dòng một đơn vị: Tên đơn vị <email>',
  unitsHint: 'Ví dụ: UBND xã Ia Blang <xaiablang@example.vn>',
  submit: 'Chuyển tiếp',
  once: 'Mỗi công văn chỉ chuyển tiếp một lần: hãy liệt kê đủ các đơn vị.',
  doneTitle: 'Đã chuyển tiếp cho đơn vị trực thuộc',
  doneText: (n: number) => `Đã gửi công văn cho ${n} đơn vị. Theo dõi tiến độ ở trang "Theo dõi đơn vị trực thuộc".`,
  alreadyText: 'Công văn đã được chuyển tiếp với đúng nội dung này trước đó.',
  follow: 'Theo dõi đơn vị trực thuộc',
  forwardedTitle: 'Đã chuyển tiếp cho đơn vị trực thuộc',
  rollUp: (r: { total: number; acknowledged: number; completed: number; overdue: number }) =>
    `${r.total} đơn vị: ${r.acknowledged} đã nhận, ${r.completed} hoàn thành, ${r.overdue} quá hạn`,
  rowLabel: 'Chuyển tiếp',
  summarize: 'Tổng hợp từ báo cáo của đơn vị',
  summarizeHint: 'Nội dung dưới đây được lấy từ báo cáo của các đơn vị trực thuộc; hãy chỉnh sửa trước khi gửi.',
  notReported: '(chưa báo cáo)',
  dashboardTitle: (name: string) => `Đơn vị trực thuộc của ${name}`,
  dashboardIntro: 'Trang theo dõi riêng của đơn vị qua liên kết, không cần tài khoản.',
  chain: 'Chuỗi chuyển tiếp',
  backToPage: 'Về trang công văn của đơn vị',
  down: 'Xem đơn vị trực thuộc',
  forwardedFrom: (number: string, issuer: string) => `Chuyển tiếp công văn số ${number} của ${issuer}`,
};
