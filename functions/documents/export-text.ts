import type { AssignmentStatus, Bucket, Outcome } from '#core/assignment/model.ts';
import type { Counts } from '#core/statistics.ts';

/**
 * The words the statistics export prints besides its column headers. The export is an official's document in
 * Vietnamese whatever the page's language, so these are its own and do not follow `?lang=en`. The status,
 * bucket and outcome labels are worded as the pages' Vietnamese ones (web/i18n), so that the file and the
 * dashboard name things alike.
 */

export const SHEETS = { byAgency: 'Theo đơn vị', byDirective: 'Theo công văn', details: 'Chi tiết' } as const;

export const COUNT_HEADERS = {
  inProgressOnTime: 'Đang thực hiện trong hạn',
  inProgressOverdue: 'Đang thực hiện quá hạn',
  completedOnTime: 'Hoàn thành đúng hạn',
  completedLate: 'Hoàn thành quá hạn',
  cancelled: 'Đã thu hồi',
  deliveryFailed: 'Không gửi được',
  total: 'Tổng',
} as const satisfies Record<keyof Counts, string>;

export const RATE_HEADER = 'Tỷ lệ đúng hạn';
export const RATE_RULE =
  'Tỷ lệ đúng hạn = Hoàn thành đúng hạn / (Hoàn thành đúng hạn + Hoàn thành quá hạn + Đang thực hiện quá hạn); ' +
  'đang thực hiện quá hạn được tính là không đúng hạn; đang thực hiện trong hạn, đã thu hồi và không gửi được ' +
  'không tính vào tỷ lệ.';

/** The "Trạng thái" column of the detail sheet. */
export const STATUS_LABELS = {
  ISSUED: 'Đang gửi',
  DELIVERED: 'Đã gửi, chưa xác nhận',
  ACKNOWLEDGED: 'Đã xác nhận',
  COMPLETED: 'Hoàn thành',
  CANCELLED: 'Đã thu hồi',
  DELIVERY_FAILED: 'Không gửi được',
} as const satisfies Record<AssignmentStatus, string>;

/** The "Phân loại" column of the detail sheet. */
export const BUCKET_LABELS = {
  inProgressOnTime: 'Đang thực hiện, trong hạn',
  inProgressOverdue: 'Đang thực hiện, quá hạn',
  completedOnTime: 'Hoàn thành đúng hạn',
  completedLate: 'Hoàn thành quá hạn',
  cancelled: 'Đã thu hồi',
  deliveryFailed: 'Không gửi được',
} as const satisfies Record<Bucket, string>;

/** The "Kết quả" column of the detail sheet. */
export const OUTCOME_LABELS = { ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' } as const satisfies Record<Outcome, string>;
