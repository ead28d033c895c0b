/** The words of the directory's search, row menus, confirmations and import (the shape of every language's). */
export const directoryVi = {
  search: 'Tìm đơn vị',
  searchLabel: 'Tìm theo tên, mã, email hoặc số điện thoại',
  searchHint: 'Gõ có dấu hay không dấu đều được, ví dụ "so y te" tìm được "Sở Y tế".',
  group: 'Nhóm',
  allGroups: 'Tất cả các nhóm',
  flag: 'Nhận tin nhắn',
  allFlags: 'Tất cả',
  flags: { noSms: 'Không nhận SMS', noZalo: 'Không nhận Zalo', noPhone: 'Chưa có số điện thoại' },
  sort: 'Sắp xếp theo',
  sorts: { name: 'Tên đơn vị', id: 'Mã đơn vị', group: 'Nhóm' },
  apply: 'Tìm',
  clear: 'Bỏ lọc',
  /** "1–50 trong 5.000 đơn vị" (and how many the directory holds when a search narrowed it). */
  range: (from: number, to: number, total: number, all: number) =>
    `${n(from)}–${n(to)} trong ${n(total)} đơn vị${total < all ? ` tìm thấy (danh bạ có ${n(all)})` : ''}`,
  noMatch: 'Không có đơn vị nào khớp với điều kiện tìm.',
  pagesTop: 'Chuyển trang, đầu bảng',
  pagesBottom: 'Chuyển trang, cuối bảng',
  previous: 'Trang trước',
  next: 'Trang sau',
  pageOf: (page: number, pages: number) => `Trang ${n(page)}/${n(pages)}`,
  agency: 'Đơn vị',
  head: 'Thủ trưởng',
  menu: 'Thao tác',
  edit: 'Sửa',
  remove: 'Xóa…',
  confirmTitle: (name: string) => `Xóa đơn vị ${name} khỏi danh bạ?`,
  confirmText:
    'Công văn đã gửi cho đơn vị này không bị ảnh hưởng; đơn vị sẽ không còn trong danh sách chọn nơi nhận của công văn mới.',
  confirmRemove: (name: string) => `Xóa ${name}`,
  cancel: 'Không xóa, quay lại',
  saved: (name: string) => `Đã lưu đơn vị ${name}.`,
  removed: (name: string) => `Đã xóa đơn vị ${name} khỏi danh bạ.`,
  imported: (count: number, file: string) => `Đã nhập ${n(count)} đơn vị từ tệp ${file}.`,
  importTitle: 'Nhập danh bạ từ tệp CSV hoặc Excel (XLSX)',
  importHint:
    'Dòng đầu là tiêu đề cột, như trong tệp mẫu: Mã đơn vị, Tên đơn vị, Email (bắt buộc), Nhóm (nhiều nhóm cách nhau bởi dấu ;), Điện thoại, Thủ trưởng, Email thủ trưởng, Điện thoại thủ trưởng, Không nhận SMS, Không nhận Zalo (ghi x hoặc 1). Tệp CSV ngăn cách bằng dấu phẩy hoặc dấu chấm phẩy, mã UTF-8. Đơn vị đã có (cùng mã) được cập nhật; tệp có dòng lỗi thì không dòng nào được nhập.',
  importFile: 'Tệp CSV hoặc XLSX',
  importSubmit: 'Nhập danh bạ',
  sample: 'Tải tệp mẫu (CSV)',
  importFailed: (file: string) =>
    `Chưa nhập được tệp ${file}: không đơn vị nào được lưu. Vui lòng sửa các lỗi sau rồi nhập lại.`,
  line: (line: number) => `Dòng ${n(line)}`,
  lineText: 'Nội dung dòng:',
};

/** Thousands grouped with dots, as Vietnamese writes them. */
function n(value: number) {
  return value.toLocaleString('vi-VN');
}

export type DirectoryMessages = typeof directoryVi;
