import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ParseResult, parseDirective } from '#parsing/index.ts';

/**
 * The whole text is kept (issue 12): every line of every fixture and corpus text ends up in a field of the draft
 * (or its `meta`), the full text keeps the content's paragraphs in the order of the source, and `unparsed` holds
 * page furniture only. Lines are compared on their words, folded (case, diacritics, punctuation), because the header
 * fields are re-cased and the date becomes YYYY-MM-DD.
 */

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const corpus = fileURLToPath(new URL('../../corpus/', import.meta.url));
const texts = [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `fixtures/${f}`, text: readFileSync(`${fixtures}${f}`, 'utf8') })),
  ...readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `corpus/${f}`, text: readFileSync(`${corpus}${f}`, 'utf8').replace(/^(?:#[^\n]*\n)+/, '') })),
];

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
const words = (s: string) =>
  plain(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const squeezed = (s: string) => plain(s).replace(/[^a-z0-9]+/g, '');

/** What a page adds around a letter: page numbers, rules, table bars, the motto, site navigation, comment forms. */
const FURNITURE = [
  /^[-–—_=*~.·•|\s]*$/,
  /^[-–—\s]*\d{1,3}[-–—\s]*$/,
  /^(?:trang|page)\s*\d/,
  /^(?:cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc|cong hoa xa hoi|chu nghia viet nam|hoa xa hoi chu nghia viet nam)$/,
  /^(?:he thong phap luat|dang tai noi dung|tai ban day du|ban dang xem ban rut gon|xem mau|in bai viet|tags?|top|y kien ban doc|leftcenterrightdel|xem chi tiet .{0,60}tai day)/,
  /^\d{1,2} \d{1,2} \d{4}$/,
];
const MOTTO = /cong ?hoa ?xa ?hoi ?chu ?nghia ?viet ?nam|doc ?lap ?tu ?do ?hanh ?phuc/g;
/** The line's words, without the motto a flattened header runs into it. */
const lineWords = (line: string) => words(words(line).join(' ').replace(MOTTO, ' '));
/** A piece of the motto that a table layout put on a line of its own ("HỘI CHỦ NGHĨA VIỆT NAM"). */
const mottoPiece = (line: string) => squeezed(line).length >= 8 && MOTTO_LETTERS.includes(squeezed(line));
const MOTTO_LETTERS = 'conghoaxahoichunghiavietnamdoclaptudohanhphuc';
const isFurniture = (line: string) =>
  mottoPiece(line) || FURNITURE.some((re) => re.test(words(line).join(' ') || line.trim()));

/** Every word the result carries, anywhere a reader of the draft can see it. */
const carried = (r: ParseResult): Set<string> => {
  const d = r.draft;
  const [y, m, day] = (d.issuedOn ?? '').split('-');
  const strings = [
    d.number,
    d.issuer,
    d.issuerParent,
    d.place,
    d.subject,
    d.fullText,
    d.body,
    ...d.addressees,
    ...d.recipients.map((x) => x.name),
    ...d.legalBases,
    d.signer?.onBehalfOf,
    d.signer?.title,
    d.signer?.name,
    ...d.copies.map((c) => c.name),
    ...d.tasks.map((t) => t.text),
    r.meta.headline,
    r.meta.byline,
    r.meta.urgency,
    r.meta.documentType,
    // "Nơi nhận" conventions the copies carry as their purpose, and "Như trên" as the addressees
    'nhu tren de b c p h bao cao phoi hop',
    // the date line: "Gia Lai, ngày 30 tháng 01 năm 2021" is issuedOn
    `ngay thang nam so v v ve viec kinh gui noi nhan ${y} ${m} ${day} ${Number(m)} ${Number(day)}`,
  ];
  return new Set(strings.flatMap((s) => (s ? words(s) : [])));
};

describe.each(texts)('$name', ({ text }) => {
  const result = parseDirective(text);

  it('carries the words of every line that is not page furniture', () => {
    const kept = carried(result);
    const lost = text
      .split(/\r\n?|\n/)
      .filter((line) => line.trim() !== '' && !isFurniture(line))
      .map((line) => ({ line, missing: lineWords(line).filter((w) => !kept.has(w)) }))
      // a letter lost to a broken glyph ("Y BAN" for "ỦY BAN") is no lost line
      .filter(({ line, missing }) => missing.length > Math.max(1, words(line).length * 0.05));
    expect(lost).toEqual([]);
  });

  it('keeps the paragraphs of the full text in the order of the source', () => {
    const source = squeezed(
      text
        .split(/\r\n?|\n/)
        .filter((line) => !isFurniture(line))
        .join('\n'),
    );
    let from = 0;
    const outOfOrder: string[] = [];
    for (const paragraph of (result.draft.fullText ?? '').split('\n')) {
      const at = source.indexOf(squeezed(paragraph), from);
      if (at < 0) outOfOrder.push(paragraph);
      else from = at;
    }
    expect(outOfOrder).toEqual([]);
  });

  it('leaves in unparsed nothing but page furniture', () => {
    expect(result.unparsed.filter((u) => !isFurniture(u))).toEqual([]);
  });
});

describe('the Gia Lai letter, whole', () => {
  const text = readFileSync(`${fixtures}gia-lai-126.txt`, 'utf8');
  const full = parseDirective(text).draft.fullText ?? '';

  it('keeps the section headings, the contacts, the note on attached letters and the closing formula', () => {
    for (const passage of [
      '1. Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh; UBND các huyện, thị xã, thành phố:',
      '(Có Công văn số 1103/BTTTT-CVT',
      'Trường hợp đột xuất',
    ])
      expect(full).toContain(passage);
    for (const passage of [
      'Trường hợp đột xuất báo cáo về Sở TT&TT qua các số máy:',
      '- Giám đốc Sở: 0913.421.376 (Đ/c Nguyễn Ngọc Hùng);',
      'đề nghị các đơn vị, địa phương và các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh phối hợp, thực hiện./.',
    ])
      expect(squeezed(full)).toContain(squeezed(passage));
  });
});
