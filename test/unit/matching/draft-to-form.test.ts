import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agency } from '#core/agency.ts';
import { parseDirective } from '#parsing/index.ts';
import { MESSAGES } from '#parsing/messages.ts';
import { messages } from '#web/i18n/index.ts';
import { draftToForm, type FormCheck } from '#web/officials/draft-to-form.ts';
import { checkLine } from '#web/officials/form-intake.tsx';

/**
 * Công văn 126 of Gia Lai, parsed, against a directory that lists the district committees one by one in the
 * group "UBND cấp huyện", abbreviates the Department of Information and Communications, and lacks two of the six.
 */
const text = readFileSync(join(import.meta.dirname, '..', 'parsing', 'fixtures', 'gia-lai-126.txt'), 'utf8');
const parsed = parseDirective(text);

const a = (id: string, name: string, groups: string[] = []): Agency => ({
  id,
  name,
  email: `${id}@gialai.example`,
  groups,
  phone: undefined,
  headName: undefined,
});
const DISTRICTS = ['Pleiku', 'An Khê', 'Ayun Pa'].map((n, i) => a(`ubnd-${i}`, `UBND thị xã ${n}`, ['UBND cấp huyện']));
const DIRECTORY = [
  a('cong-an', 'CÔNG AN TỈNH', ['Lực lượng vũ trang']),
  a('bchqs', 'BCHQS tỉnh', ['Lực lượng vũ trang']),
  ...DISTRICTS,
  a('dien-luc', 'Công ty Điện lực Gia Lai'),
];

const fill = (directory = DIRECTORY) => draftToForm(parsed.draft, directory, 'key', '2021-01-30', parsed.warnings);
const lines = (checks: FormCheck[], lang: 'vi' | 'en' = 'vi') => [
  ...new Set(checks.map((c) => checkLine(c, messages(lang).form))),
];

describe('filling the form from công văn 126', () => {
  it('picks recipients by name, abbreviation and group: the district tier is the group, all its members', () => {
    const { values } = fill();
    expect(values.recipients).toEqual(['cong-an', 'bchqs', ...DISTRICTS.map((d) => d.id), 'dien-luc']);
  });

  it('gives each task the agencies its section heading names, as directory ids; a section nobody matched has none', () => {
    const { values } = fill();
    const assignees = Object.fromEntries(values.tasks.map((t) => [t.code, t.assignees]));
    expect(assignees['1.1']).toEqual(['cong-an', 'bchqs', ...DISTRICTS.map((d) => d.id)]);
    expect(assignees['1.3']).toEqual(assignees['1.1']);
    expect(assignees['2.1']).toEqual(['dien-luc']);
    expect(assignees['3.1']).toEqual([]);
    expect(values.tasks.find((t) => t.code === '1.3')).toMatchObject({ deadlineDate: '2021-02-03' });
  });

  it('lists what to check, each line naming its agency, task or leader, each once', () => {
    const vi = lines(fill().checks);
    expect(vi).toEqual(
      expect.arrayContaining([
        'Bộ Chỉ huy Quân sự tỉnh: đã chọn "BCHQS tỉnh" trong danh bạ.',
        'Ủy ban nhân dân các huyện, thị xã, thành phố: đã chọn 3 đơn vị của nhóm "UBND cấp huyện" trong danh bạ.',
        'Công ty Cổ phần Cấp thoát nước Gia Lai: chưa có trong danh bạ. Thêm đơn vị (kèm email) vào danh bạ rồi chọn lại.',
        'Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh: chưa có trong danh bạ. Thêm đơn vị (kèm email) vào danh bạ rồi chọn lại.',
        'Nhiệm vụ 3.1: chưa xác định được đơn vị thực hiện; chọn đơn vị trong danh sách.',
        'Nhiệm vụ 3.2: chưa xác định được đơn vị thực hiện; chọn đơn vị trong danh sách.',
        'Lãnh đạo Nguyễn Ngọc Hùng: chưa có email; nhập email để nhận cảnh báo quá hạn.',
        'Lãnh đạo Lê Thị Thu Hương: chưa có email; nhập email để nhận cảnh báo quá hạn.',
      ]),
    );
    // Matched by its very name ("CÔNG AN TỈNH" is "Công an tỉnh"): nothing to check.
    expect(vi.some((l) => l.startsWith('Công an tỉnh'))).toBe(false);
    // No line without its subject: the parser's anonymous "Chưa có email của đơn vị" is answered by the matching.
    expect(vi.some((l) => l.startsWith('Chưa có email'))).toBe(false);
    expect(new Set(vi).size).toBe(vi.length);
    expect(lines(fill().checks, 'en')).toContain(
      'Task 3.1: no agency to carry it out was found; pick one from the list.',
    );
  });

  it("says the parser's fixed remarks in English too, under what they are about; others stay as written", () => {
    const en = messages('en').form;
    expect(checkLine({ kind: 'text', message: MESSAGES.copies }, en)).toBe(
      'No "Nơi nhận" part was found: add the copies to report to or coordinate with if needed.',
    );
    expect(checkLine({ kind: 'task', code: '2.1', message: MESSAGES.bothDeadlines }, en)).toBe(
      'Task 2.1: The task has both a date and a number of working days: keep only one.',
    );
    expect(checkLine({ kind: 'task', code: '2.1', message: MESSAGES.bothDeadlines }, messages('vi').form)).toBe(
      `Nhiệm vụ 2.1: ${MESSAGES.bothDeadlines}`,
    );
    expect(checkLine({ kind: 'text', message: 'Một nhận xét khác.' }, en)).toBe('Một nhận xét khác.');
  });

  it('with the whole directory, matched by name, leaves no agency or task to check', () => {
    const names = parsed.draft.recipients.map((r, i) => a(`r${i}`, r.name));
    const { values, checks } = fill(names);
    expect(values.recipients).toHaveLength(6);
    expect(values.tasks.every((t) => t.assignees.length > 0)).toBe(true);
    expect(checks.filter((c) => c.kind === 'recipient' || c.kind.startsWith('task'))).toEqual([]);
  });

  it('keeps the idempotency key and defaults what the text does not give', () => {
    const { values } = fill();
    expect(values).toMatchObject({
      idempotencyKey: 'key',
      number: '126/STTTT-BCVT',
      issuedOn: '2021-01-30',
      annexes: [],
    });
  });
});
