import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type IBorderOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type Assignment, openObligations } from '#core/assignment/model.ts';
import { addWorkingDays } from '#core/calendar/index.ts';
import { decree30PlaceAndDate, formatCalendarDate, formatHourWords } from '#core/calendar/time.ts';
import type { Directive } from '#core/directive.ts';
import { letterheadOf } from '#core/letterhead.ts';
import { aboutSubject } from '#core/subject.ts';

/**
 * A draft công văn đôn đốc (urging letter) to the agencies that have not reported (issue 5, point 10), as a DOCX
 * the official edits, signs and registers. Layout of Decree 30/2020/NĐ-CP, Appendix I: A4; margins top and
 * bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, 14 pt in the body; the header block as a borderless
 * two-column table (issuing body | national title and motto; number and subject | place and date), the issuing
 * body and national title in 12 pt, the motto 13 pt, the place and date 14 pt italic; "Kính gửi"; the body;
 * "Nơi nhận" (12 pt, its lines 11 pt) bottom left and the signature block bottom right; page numbers from
 * page 2, centred in the top margin.
 */

export type OverdueTask = {
  code: string;
  text: string;
  /** ISO instant: the deadline in force that was missed. */
  deadline?: string;
};
export type OverdueAgency = { recipientName: string; tasks: OverdueTask[]; escalationLevel?: number };

export type UrgingLetterInput = {
  directive: Directive;
  overdue: OverdueAgency[];
  /** ISO instant: the new deadline to report by. */
  newDeadline: string;
  /** Number and symbol of the letter; by default dots for the clerk, then the symbol of the directive. */
  number?: string;
  /** YYYY-MM-DD: the date of the letter, also the "as of" date of the overdue list. */
  issuedOn: string;
  /** The name of the directive's original file (the signed PDF every agency received), when it has one. */
  originalName?: string | undefined;
};

/** A4 in twips (1/1440 inch), as Word writes it. */
export const A4 = { width: 11906, height: 16838 } as const;
const mm = (value: number) => Math.round((value * 1440) / 25.4);
/** Decree 30/2020, Appendix I, II.2: top 20–25, bottom 20–25, left 30–35, right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const MARGINS = {
  top: mm(MARGINS_MM.top),
  bottom: mm(MARGINS_MM.bottom),
  left: mm(MARGINS_MM.left),
  right: mm(MARGINS_MM.right),
} as const;
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const LEFT_WIDTH = Math.round(TEXT_WIDTH * 0.4);
const RIGHT_WIDTH = TEXT_WIDTH - LEFT_WIDTH;

const FONT = 'Times New Roman';
/** Half-points. */
const PT = (points: number) => points * 2;

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** "17 giờ 00 ngày 03/02/2021". */
export const deadlineText = formatHourWords;

/** The number the clerk completes: "……/STTTT-BCVT" after a directive "126/STTTT-BCVT". */
export { decree30PlaceAndDate };

export const draftNumber = (directiveNumber: string) => {
  const slash = directiveNumber.indexOf('/');
  return slash < 0 ? '……' : `……${directiveNumber.slice(slash)}`;
};

/** The default new deadline: 17:00 on the third working day after the letter's date. */
export const defaultNewDeadline = (issuedOn: string, workingDays = 3) =>
  addWorkingDays(`${issuedOn}T08:00:00+07:00`, workingDays);

/**
 * The agencies to urge: those with a report whose deadline in force has passed at `now` and that is not
 * submitted, with those tasks (text from the directive, deadline as in force, after extensions). An agency
 * late only on its acknowledgement owes no report yet and is left out.
 */
export const overdueAgencies = (directive: Directive, assignments: readonly Assignment[], now: string) =>
  assignments.flatMap((a): OverdueAgency[] => {
    const late = openObligations(a).filter(
      (o) => o.taskCode !== undefined && o.deadline !== undefined && Date.parse(o.deadline) <= Date.parse(now),
    );
    if (late.length === 0) return [];
    const tasks = late.map((o) => {
      const task = directive.tasks.find((t) => t.code === o.taskCode);
      return { code: o.taskCode ?? '', text: task?.text ?? '', deadline: o.deadline };
    });
    return [{ recipientName: a.recipientName, tasks, escalationLevel: a.escalationLevel }];
  });

type RunOptions = { bold?: boolean; italics?: boolean; size?: number };
const run = (text: string, o: RunOptions = {}) =>
  new TextRun({ text, font: FONT, size: PT(o.size ?? 14), bold: o.bold, italics: o.italics });

const center = (children: ParagraphChild[], spacing: { before?: number; after?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, ...spacing }, children });

/** A short centred rule under a header line: a paragraph whose top border is narrowed by indents. */
const rule = (columnWidth: number, ruleWidth: number) => {
  const indent = Math.max(0, Math.round((columnWidth - ruleWidth) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
};

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
const NO_CELL_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const cell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: NO_CELL_BORDERS,
    verticalAlign: VerticalAlign.TOP,
    children,
  });

const borderlessTable = (rows: [Paragraph[], Paragraph[]][]) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_WIDTH, RIGHT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: rows.map(([left, right]) => new TableRow({ children: [cell(LEFT_WIDTH, left), cell(RIGHT_WIDTH, right)] })),
  });

/** A body paragraph: justified, first line indented 1 cm, 6 pt after, single-and-a-bit line spacing. */
const body = (children: ParagraphChild[], o: { firstLine?: number; left?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 0, after: 120, line: 288, lineRule: LineRuleType.AUTO },
    indent: { firstLine: o.firstLine ?? mm(10), left: o.left ?? 0 },
    children,
  });

const stripEnd = (s: string) => s.trim().replace(/[\s.;:,]+$/u, '');

const formatYmd = formatCalendarDate;

/** The draft letter as a DOCX file. */
export const urgingLetter = async (input: UrgingLetterInput): Promise<Buffer> => {
  const { directive, overdue, newDeadline, issuedOn } = input;
  if (overdue.length === 0) throw new RangeError('Không có đơn vị nào cần đôn đốc');
  const number = input.number?.trim() || draftNumber(directive.number);
  const reference = `Công văn số ${directive.number}`;
  const issuer = directive.issuer;
  const letterhead = letterheadOf(directive);
  const single = overdue.length === 1;
  const addressed = single ? (overdue[0]?.recipientName ?? '') : 'các đơn vị nêu trên';

  const header = borderlessTable([
    [
      [
        ...(letterhead.parent ? [center([run(upper(letterhead.parent), { size: 12 })])] : []),
        center([run(upper(letterhead.issuer), { size: 12, bold: true })]),
        rule(LEFT_WIDTH, mm(30)),
      ],
      [
        center([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true })]),
        center([run('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true })]),
        rule(RIGHT_WIDTH, mm(57)),
      ],
    ],
    [
      [
        center([run(`Số: ${number}`, { size: 13 })], { before: 120 }),
        center([run(`V/v đôn đốc thực hiện ${reference}`, { size: 12 })], { before: 60 }),
      ],
      [center([run(decree30PlaceAndDate(directive.place, issuedOn), { size: 14, italics: true })], { before: 120 })],
    ],
  ]);

  const kinhGui: Paragraph[] = single
    ? [
        center([run('Kính gửi: ', { size: 14 }), run(`${overdue[0]?.recipientName ?? ''}.`, { size: 14 })], {
          before: 360,
          after: 240,
        }),
      ]
    : [
        center([run('Kính gửi:', { size: 14 })], { before: 360, after: 0 }),
        ...overdue.map(
          (o, i) =>
            new Paragraph({
              spacing: { before: 0, after: i === overdue.length - 1 ? 240 : 0 },
              indent: { left: mm(45) },
              children: [run(`- ${o.recipientName}${i === overdue.length - 1 ? '.' : ';'}`)],
            }),
        ),
      ];

  const agencyLines = overdue.flatMap((o) => {
    const warned = o.escalationLevel && o.escalationLevel > 0 ? ` (đã cảnh báo quá hạn ${o.escalationLevel} lần)` : '';
    return [
      body([run(`- ${o.recipientName}${warned}:`, { bold: true })]),
      ...o.tasks.map((t, i) =>
        body(
          [
            run(`+ Nhiệm vụ ${t.code}: `, { italics: true }),
            run(stripEnd(t.text)),
            run(t.deadline ? ` (thời hạn: ${deadlineText(t.deadline)})` : ''),
            run(i === o.tasks.length - 1 ? '.' : ';'),
          ],
          { firstLine: 0, left: mm(10) },
        ),
      ),
    ];
  });

  const signer = directive.signer;
  const copies = [
    '- Như trên;',
    ...directive.leadership.filter((l) => l.name !== signer.name).map((l) => `- ${l.title} (b/c);`),
    `- ${directive.copies.find((c) => c.purpose === 'ARCHIVE')?.name ?? 'Lưu: VT, …'}.`,
  ];

  const closing = borderlessTable([
    [
      [
        new Paragraph({
          spacing: { before: 240, after: 0 },
          children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })],
        }),
        ...copies.map((c) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(c, { size: 11 })] })),
      ],
      [
        ...(signer.onBehalfOf ? [center([run(upper(signer.onBehalfOf), { bold: true })], { before: 240 })] : []),
        center([run(upper(signer.title), { bold: true })], signer.onBehalfOf ? {} : { before: 240 }),
        ...Array.from({ length: 4 }, () => center([run('')])),
        center([run(signer.name, { bold: true })]),
      ],
    ],
  ]);

  const paragraphs = [
    body([
      run(`Ngày ${formatYmd(directive.issuedOn)}, ${issuer} đã ban hành `),
      run(reference),
      run(` ${aboutSubject(directive.subject)}.`.replace(/ \.$/u, '.')),
    ]),
    ...(input.originalName
      ? [
          body([
            run(`Bản gốc của ${reference} là tệp `),
            run(input.originalName, { italics: true }),
            run(', đã gửi kèm thư mời và có trên trang riêng của từng đơn vị.'),
          ]),
        ]
      : []),
    body([
      run(
        `Tuy nhiên, đến ngày ${formatYmd(issuedOn)}, ${single ? 'đơn vị sau' : 'các đơn vị sau'} chưa báo cáo kết quả thực hiện các nhiệm vụ được giao tại ${reference}, cụ thể:`,
      ),
    ]),
    ...agencyLines,
    body([
      run(
        `Để đảm bảo tiến độ thực hiện ${reference}, ${issuer} đề nghị ${addressed} khẩn trương triển khai thực hiện và báo cáo kết quả về ${issuer} `,
      ),
      run(`trước ${deadlineText(newDeadline)}`, { bold: true }),
      run('.'),
    ]),
    body([run(`${issuer} đề nghị ${single ? addressed : 'các đơn vị'} quan tâm, phối hợp thực hiện./.`)]),
  ];

  const doc = new Document({
    creator: issuer,
    title: `V/v đôn đốc thực hiện ${reference}`,
    description: 'Dự thảo công văn đôn đốc',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: PT(14), language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { ...MARGINS, header: mm(10), footer: mm(10) },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [header, ...kinhGui, ...paragraphs, closing],
      },
    ],
  });
  return Packer.toBuffer(doc);
};
