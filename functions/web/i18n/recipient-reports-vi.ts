/**
 * The words of an agency's own reports on its page (what it sent, each version, "Sửa báo cáo") and of the
 * correction marker on the officials' dashboard, in Vietnamese.
 */
export const viRecipientReports = {
  sentTitle: 'Báo cáo đã gửi',
  sentAt: (at: string) => `Gửi lúc ${at}`,
  /** The marker beside a corrected report, on the agency's page and the officials' dashboard. */
  correctedAt: (at: string) => `đã sửa ${at}`,
  text: 'Nội dung',
  file: 'Tệp đính kèm',
  noFile: 'Không có tệp đính kèm.',
  earlier: (n: number) => `Các bản trước (${n})`,
  version: (i: number, at: string) => `Bản ${i}, gửi lúc ${at}`,
  correct: 'Sửa báo cáo',
  correctIntro: (deadline: string | undefined, left: number) =>
    `${deadline ? `Có thể sửa đến hạn báo cáo (${deadline}); ` : 'Có thể sửa; '}còn ${left} lần sửa. ` +
    'Bản đã gửi vẫn được lưu và cơ quan ban hành thấy cả hai bản. Thời điểm báo cáo và việc đúng hạn không thay đổi.',
  newText: (code: string) => `Nội dung báo cáo nhiệm vụ ${code} (đã sửa)`,
  newFile: 'Tệp mới (không bắt buộc)',
  keepsFile: (name: string) => `Để trống thì giữ tệp hiện có: ${name}.`,
  sendCorrection: 'Gửi bản sửa',
  correctedNotice: (code: string) => `Đã sửa báo cáo nhiệm vụ ${code}`,
  correctedNoticeText:
    'Bản sửa đã được ghi nhận và cơ quan ban hành thấy bản mới nhất; bản trước vẫn được lưu. ' +
    'Thời điểm báo cáo và việc đúng hạn không thay đổi.',
  closed: (deadline: string) => `Đã quá hạn báo cáo (${deadline}): báo cáo được giữ như đã gửi, không sửa được nữa.`,
  maxReached: (max: number) => `Báo cáo đã được sửa ${max} lần, là số lần tối đa.`,
};

export type RecipientReportsMessages = typeof viRecipientReports;
