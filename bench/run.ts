/**
 * `npm run bench -- <name>`: runs one benchmark against PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Each
 * benchmark creates and drops its own database and prints as its last line
 * `<name>: ratio=<r> <figure>=<value> …`. `--rows N` changes the data size
 * (review-queue, legacy-import), e.g. `npm run bench -- review-queue --rows 2000000`.
 */
/** Each benchmark resolves to its summary line, printed last, after its database is gone. */
const BENCHMARKS: Record<string, () => Promise<string>> = {
  'review-queue': () => import('./review-queue.js').then((m) => m.run()),
  heartbeat: () => import('./heartbeat.js').then((m) => m.run()),
  'seat-rush': () => import('./seat-rush.js').then((m) => m.run()),
  verify: () => import('./verify.js').then((m) => m.run()),
  certificates: () => import('./certificates.js').then((m) => m.run()),
  'legacy-import': () => import('./legacy-import.js').then((m) => m.run()),
};

const benchName = process.argv[2];
// `--rows N` (review-queue: how cost grows with data, e.g. --rows 2000000) sets the data size.
const rowsFlag = process.argv.indexOf('--rows');
if (rowsFlag > 0 && process.argv[rowsFlag + 1]) process.env.BENCH_ROWS = process.argv[rowsFlag + 1];
const bench = benchName ? BENCHMARKS[benchName] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}>`);
  process.exit(2);
}
const summary = await bench();
console.log(summary);
process.exit(0);

export {};
