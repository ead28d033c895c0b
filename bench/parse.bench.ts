/**
 * Parser timings: `npx tsx bench/parse.bench.ts` prints the median and p95 of 200 runs for each seed fixture and
 * for a 10 KB synthetic directive. The budget (issue 6) is under 50 ms for 10 KB.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDirective } from '#parsing/index.ts';

const RUNS = 200;
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../test/unit/parsing/fixtures/${name}`, import.meta.url)), 'utf8');

/** A Gia Lai-like letter grown to `bytes` (UTF-8) with more numbered sections, deadlines and recurrences. */
const syntheticDirective = (bytes = 10 * 1024): string => {
  const seed = fixture('gia-lai-126.txt');
  const [head, tail] = seed.split('Trường hợp đột xuất') as [string, string];
  const sections: string[] = [];
  let n = 4;
  const size = () => Buffer.byteLength(head + sections.join('\n\n') + tail, 'utf8');
  while (size() < bytes) {
    sections.push(
      [
        `${n}. Ủy ban nhân dân các huyện, thị xã, thành phố; Công an tỉnh:`,
        `${n}.1. Tổ chức rà soát, thống kê các trạm viễn thông bị ảnh hưởng; báo cáo kết quả về Sở TT&TT trước 17 giờ ngày 0${(n % 9) + 1}/02/2021.`,
        `${n}.2. Cập nhật tình hình hoạt động của mạng lưới, báo cáo hằng ngày trước 15 giờ về Sở TT&TT đến hết ngày 28/02/2021.`,
        `a) Phân công cán bộ đầu mối; b) Trong thời hạn 05 ngày làm việc, gửi danh sách về Sở TT&TT.`,
      ].join('\n\n'),
    );
    n++;
  }
  return `${head}${sections.join('\n\n')}\n\nTrường hợp đột xuất${tail}`;
};

const time = (text: string) => {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) parseDirective(text); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    parseDirective(text);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
};

const cases: [string, string][] = [
  ['gia-lai-126 (seed)', fixture('gia-lai-126.txt')],
  ['thanh-hoa-2915 (seed)', fixture('thanh-hoa-2915.txt')],
  ['synthetic 10 KB', syntheticDirective()],
];

console.log(`parseDirective, ${RUNS} runs each (ms)`);
for (const [name, text] of cases) {
  const { median, p95 } = time(text);
  const kb = (Buffer.byteLength(text, 'utf8') / 1024).toFixed(1);
  console.log(
    `${name.padEnd(24)} ${kb.padStart(5)} KB  median ${median.toFixed(2).padStart(6)}  p95 ${p95.toFixed(2).padStart(6)}`,
  );
}
