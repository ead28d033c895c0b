import type { ListSort } from '#core/directive-list.ts';
import type { DashboardShow, DashboardSort } from '#core/roster.ts';

const count = (n: number) => n.toLocaleString('vi-VN');

/** The words of the officials' dashboard at scale: its search, filters, pages, row menu and confirmations. */
export const dashboardVi = {
  find: 'Tìm và lọc đơn vị',
  search: 'Tìm đơn vị',
  searchHint: 'Tên, email hoặc mã đơn vị; gõ có dấu hay không dấu đều được.',
  show: 'Hiển thị',
  shows: {
    all: 'Tất cả đơn vị',
    overdue: 'Quá hạn',
    onTime: 'Đang thực hiện trong hạn',
    notAcknowledged: 'Chưa báo nhận',
    pending: 'Đang xin gia hạn',
    completed: 'Đã hoàn thành',
    deliveryFailed: 'Không gửi được',
    cancelled: 'Đã thu hồi',
  } satisfies Record<DashboardShow, string>,
  group: 'Nhóm đơn vị',
  allGroups: 'Mọi nhóm',
  sort: 'Sắp xếp',
  sorts: {
    attention: 'Cần xử lý trước (hạn gần nhất)',
    name: 'Tên đơn vị (A–Z)',
  } satisfies Record<DashboardSort, string>,
  apply: 'Lọc',
  clear: 'Bỏ lọc',
  range: (from: number, to: number, total: number) =>
    total === 0 ? 'Không có đơn vị nào.' : `Đơn vị ${count(from)}–${count(to)} trong ${count(total)}`,
  none: 'Không có đơn vị nào khớp với điều kiện lọc.',
  previous: '‹ Trang trước',
  next: 'Trang sau ›',
  first: '« Trang đầu',
  pendingBanner: (n: number) =>
    n === 1
      ? 'Có 1 đơn vị đang xin gia hạn, chờ quyết định.'
      : `Có ${count(n)} đơn vị đang xin gia hạn, chờ quyết định.`,
  pendingLink: 'Xem và xử lý các đề nghị',
  rowMenu: 'Thao tác',
  rowMenuFor: (name: string) => `Thao tác với ${name}`,
  resendConfirm: (name: string) =>
    `Gửi lại liên kết cho ${name}? Liên kết đã gửi trước đây sẽ không còn dùng được; đơn vị dùng liên kết trong email mới.`,
  done: {
    resend: (name: string) => `Đã gửi lại liên kết cho ${name}. Liên kết cũ không còn dùng được.`,
    reassign: (name: string) => `Đã chuyển ${name} sang địa chỉ mới và gửi liên kết mới.`,
    grant: (name: string, task: string, until: string) => `Đã gia hạn nhiệm vụ ${task} cho ${name} đến ${until}.`,
    refuse: (name: string, task: string) => `Đã từ chối đề nghị gia hạn nhiệm vụ ${task} của ${name}.`,
    'cancel-assignment': (name: string) => `Đã thu hồi công văn đối với ${name}.`,
    'cancel-directive': () => 'Đã thu hồi công văn đối với mọi đơn vị.',
  },
  backToRow: 'Về dòng của đơn vị',
  /** The list of directives: its search, filters and pages. */
  list: {
    find: 'Tìm và lọc công văn',
    search: 'Tìm công văn',
    searchHint: 'Số, ký hiệu, trích yếu, cơ quan ban hành hoặc đơn vị nhận; có dấu hay không dấu đều được.',
    state: 'Tình trạng',
    allStates: 'Mọi tình trạng',
    issuer: 'Cơ quan ban hành',
    allIssuers: 'Mọi cơ quan',
    sort: 'Sắp xếp',
    sorts: {
      newest: 'Mới ban hành trước',
      oldest: 'Ban hành lâu nhất trước',
      number: 'Theo số, ký hiệu',
      overdue: 'Nhiều đơn vị quá hạn nhất trước',
    } satisfies Record<ListSort, string>,
    range: (from: number, to: number, total: number) => `Công văn ${count(from)}–${count(to)} trong ${count(total)}`,
    none: 'Không có công văn nào khớp với điều kiện lọc.',
  },
};

export type DashboardMessages = typeof dashboardVi;
