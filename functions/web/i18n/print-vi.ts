/** The words of the status sheet for printing, the "Bản in" link and the date fields' hint, in Vietnamese. */
export const printVi = {
  link: 'Bản in',
  pageTitle: 'Bản in tình hình thực hiện',
  heading: 'BẢN IN TÌNH HÌNH THỰC HIỆN',
  directive: (number: string, date: string) => `Công văn số ${number} ngày ${date}`,
  asOf: (time: string, date: string) => `Tính đến ${time} ngày ${date}`,
  print: 'In',
  back: 'Quay lại',
  counts: 'Số liệu tổng hợp',
  total: (n: number) => `Tổng số đơn vị nhận: ${n.toLocaleString('vi-VN')}`,
  notAcknowledged: 'Chưa báo nhận',
  cancelled: 'Đã huỷ',
  deliveryFailed: 'Không gửi được',
  agencies: 'Tình hình của từng đơn vị',
  columns: {
    index: 'STT',
    agency: 'Đơn vị',
    acknowledged: 'Báo nhận',
    reported: 'Báo cáo (ngày)',
    status: 'Tình trạng',
    note: 'Ghi chú',
  },
  notYet: 'Chưa',
  reportedOf: (done: number, owed: number) => `${done}/${owed} báo cáo`,
  overdueDays: (n: number) => `Quá hạn ${n} ngày`,
  extensionAsked: (date: string) => `Xin gia hạn đến ${date}`,
  empty: 'Công văn chưa gửi đến đơn vị nào.',
  /** The date fields: a text field read as dd/mm/yyyy whatever the browser's language. */
  dayHint: 'Ngày/tháng/năm, ví dụ 05/12/2026',
  dayPlaceholder: 'dd/mm/yyyy',
};

export type PrintMessages = typeof printVi;
