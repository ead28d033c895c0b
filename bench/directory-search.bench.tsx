/**
 * The directory's search at a province's scale: `npx tsx bench/directory-search.bench.tsx` prints the median and p95
 * of 200 runs of one page of a 5,000-agency directory (filtered, sorted and cut in memory, core/agency-search.ts)
 * for a few queries, and of rendering that page. Reading the partition from DynamoDB is not timed here: it is the
 * same Query the directory always made.
 */
import { performance } from 'node:perf_hooks';
import { renderToString } from 'preact-render-to-string';
import type { Agency } from '#core/agency.ts';
import { directoryQueryOf, viewDirectory } from '#core/agency-search.ts';
import { DirectoryPage } from '#web/officials/directory-page.tsx';

const RUNS = 200;
const SIZE = 5_000;
const GROUPS = ['Sở, ban, ngành', 'UBND cấp huyện', 'UBND cấp xã', 'Doanh nghiệp', 'Đơn vị sự nghiệp', 'Hội, đoàn thể'];
const PLACES = ['Pleiku', 'An Khê', 'Ayun Pa', 'Chư Păh', 'Đắk Đoa', 'Ia Grai', 'Kbang', 'Mang Yang', 'Hà Nội'];

const directory: Agency[] = Array.from({ length: SIZE }, (_, i) => ({
  id: `dv-${i}`,
  name: `${i % 3 ? 'UBND xã' : 'Trường THCS'} ${PLACES[i % PLACES.length]} số ${i}`,
  email: `vanthu.${i}@gialai.example.gov.vn`,
  groups: [GROUPS[i % GROUPS.length] as string, ...(i % 7 ? [] : [GROUPS[(i + 1) % GROUPS.length] as string])],
  headName: `Nguyễn Văn ${i}`,
  ...(i % 2 ? { phone: `+849${String(10_000_000 + i).slice(-8)}` } : {}),
  ...(i % 11 ? {} : { noSms: true as const }),
}));

const time = (run: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms`;
};

const QUERIES: Record<string, string>[] = [
  {},
  { q: 'ha noi' },
  { q: 'dak doa', sort: 'group' },
  { group: 'UBND cấp xã', sort: 'id', page: '20' },
  { flag: 'noSms' },
  { q: '0910001' },
];

const official = { id: 'bench', name: 'Cán bộ', office: 'bench' };
console.log(`A directory of ${SIZE} agencies, ${RUNS} runs each`);
for (const q of QUERIES) {
  const query = directoryQueryOf(q);
  const view = viewDirectory(directory, query);
  console.log(
    `${JSON.stringify(q).padEnd(48)} ${String(view.total).padStart(5)} found  search: ${time(() => viewDirectory(directory, query))}`,
  );
}
const view = viewDirectory(directory, directoryQueryOf({}));
console.log(
  `one page (50 rows) rendered to HTML: ${time(() => renderToString(<DirectoryPage lang="vi" official={official} view={view} />))}`,
);
