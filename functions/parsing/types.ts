import type { COPY_PURPOSES, LEADER_ROLES } from '#core/directive.ts';

/**
 * What `parseDirective` returns. `draft` has the shape of the create body (`directiveInputSchema`), filled as far
 * as the text allows: a field the text does not give is left out (or empty) and named in `warnings`. Everything
 * else the parser recognised is returned beside the draft, never inside it. The only extra keys inside it are the
 * recurrence details the schema does not take (`at`, `weekday`, `dayOfMonth`), which zod strips.
 */

export type CopyPurpose = (typeof COPY_PURPOSES)[number];

/** A periodic duty ("báo cáo hằng ngày trước 15 giờ … đến hết ngày 31/3/2023"). */
export type Recurrence = {
  /** ISO 8601 period: daily, weekly, monthly, quarterly (the create schema takes daily and weekly only). */
  every: 'P1D' | 'P1W' | 'P1M' | 'P3M';
  /** Last day of the duty, YYYY-MM-DD ("đến hết ngày …"). */
  until?: string;
  /** Local time of day the report is due, HH:mm ("trước 15 giờ hằng ngày"). */
  at?: string;
  /** ISO weekday for weekly duties, 1 = Monday … 7 = Sunday ("vào thứ Sáu" = 5). */
  weekday?: number;
  /** Day of the month for monthly duties ("trước ngày 25 hằng tháng"). */
  dayOfMonth?: number;
};

export type DraftTask = {
  /** As numbered in the text ("1.3"); "2.a"-style codes are never invented; unnumbered items are "1", "2", … */
  code: string;
  text: string;
  /** Recipient ids (see DraftRecipient.id). */
  assignees: string[];
  /**
   * ISO instant (UTC): "trước ngày 03/02/2021" is 17:00 that day in Hà Nội, "2021-02-03T10:00:00.000Z". For a
   * periodic report, the deadline of its first period (inferred, with a warning, when the text gives none).
   */
  deadline?: string;
  reportRequired: boolean;
  /** "trong thời hạn 05 ngày làm việc": the calendar is applied when the directive is issued. */
  deadlineWorkingDays?: number;
  recurrence?: Recurrence;
  /**
   * The units the text names as this task's assignees, as written and with enumerations expanded ("các Sở: Y tế,
   * Tài chính" → "Sở Y tế", "Sở Tài chính"), whether or not they are among the recipients: for the form to match
   * against the directory. Absent when the text names no one for the task (it then goes to every recipient).
   */
  assigneeNames?: string[];
  /** The section heading the task sits under, as written ("1. Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh: …"). */
  heading?: string;
};

export type DraftRecipient = {
  /** ASCII slug of the name ("cong-an-tinh"), unique within the draft. */
  id: string;
  name: string;
  /** Always empty: emails are picked from the directory. */
  email: string;
};

export type DraftLeader = {
  name: string;
  title: string;
  /** Empty unless the text gives one. */
  email: string;
  /** Digits only. */
  phone?: string;
  /** SIGNER: the leader who signed; DIRECTOR: the head of the issuing body (see domain/escalation.ts). */
  role?: (typeof LEADER_ROLES)[number];
};

export type DraftCopy = { name: string; purpose: CopyPurpose };

export type DraftSigner = { name: string; title: string; onBehalfOf?: string };

export type DraftDirective = {
  number?: string;
  issuer?: string;
  issuerParent?: string;
  place?: string;
  /** YYYY-MM-DD. */
  issuedOn?: string;
  /** Starts with "V/v ". */
  subject?: string;
  addressees: string[];
  legalBases: string[];
  body: string;
  /**
   * The whole content of the letter in text order, paragraphs joined by "\n": the legal bases, the opening, the
   * section headings, the items, contact paragraphs, notes on attached letters and the closing formula; what lies
   * between the "Kính gửi" block and the signature. Only page furniture (navigation, bylines, comment forms) is
   * left out. Absent when the text has no content.
   */
  fullText?: string;
  signer?: DraftSigner;
  leadership: DraftLeader[];
  recipients: DraftRecipient[];
  copies: DraftCopy[];
  tasks: DraftTask[];
};

export type ParseWarning = {
  /** A path into the draft ("leadership.0.email", "tasks.2.deadline", "signer"), or "text" for the whole text. */
  field: string;
  /** Vietnamese, for the official who checks the form. */
  message: string;
  /** The passage of the text the warning is about, when there is one. */
  passage?: string;
};

/** A document cited in a "Căn cứ …" paragraph. */
export type LegalBasisRef = {
  /** Index of the paragraph in `draft.legalBases`. */
  basis: number;
  /** The citation as written ("Công văn số 1110/BTTTT-CVT ngày 31/3/2020"). */
  text: string;
  /** "Công văn", "Công điện", "Nghị định", "Luật", … */
  documentType: string;
  documentNumber?: string;
  /** YYYY-MM-DD. */
  date?: string;
  /** "của …" right after the date, when written there. */
  issuer?: string;
};

/** A person named with a phone number or an email ("Giám đốc Sở: 0913.421.376 (Đ/c Nguyễn Ngọc Hùng)"). */
export type Contact = { name?: string; title?: string; phone?: string; email?: string; text: string };

export type PhoneNumber = {
  /** Digits only, "+84" written as "0": "0913421376". */
  number: string;
  /** As written: "0913.421.376". */
  raw: string;
};

export type ParseMeta = {
  /** "document": the letter itself; "article": a news report of it; "empty": nothing to read. */
  source: 'document' | 'article' | 'empty';
  /** Letters were replaced by `?` or `�`. */
  brokenDiacritics: boolean;
  /** "HỎA TỐC", "KHẨN", "THƯỢNG KHẨN". */
  urgency?: string;
  /** A title line naming the kind of document ("CÔNG ĐIỆN", "THÔNG BÁO"). */
  documentType?: string;
  /** A news article's headline and byline. */
  headline?: string;
  byline?: string;
  /** Closing formulas recognised and left out of the draft ("… đề nghị các đơn vị … thực hiện./."). */
  closing: string[];
};

export type ParseResult = {
  draft: DraftDirective;
  warnings: ParseWarning[];
  /** Passages no field took, in text order. */
  unparsed: string[];
  legalBasisRefs: LegalBasisRef[];
  contacts: Contact[];
  phones: PhoneNumber[];
  meta: ParseMeta;
};
