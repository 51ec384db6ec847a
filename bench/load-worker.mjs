// Runs one autocannon load in its own process, so the load generator does not
// share the event loop of the server it measures. Input: a JSON file named in argv[2]; output: JSON on stdout.
import fs from 'node:fs';
import autocannon from 'autocannon';

const opts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

/**
 * One request template that takes the next entry of a shared list each time, so
 * concurrent connections never send the same learner's request together (as
 * they would if every connection walked the list from its start).
 */
function rotating(list) {
  let next = 0;
  return { setupRequest: (req) => ({ ...req, ...list[next++ % list.length] }) };
}
const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 20,
  // A fixed number of requests (`amount`, e.g. one application per candidate) or a fixed duration.
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
  headers: opts.headers,
  requests: opts.rotate ? [rotating(opts.rotate)] : (opts.requests ?? opts.paths.map((path) => ({ method: 'GET', path }))),
});
// For a fixed amount the per-second average is coarse (a one-second run): use total / elapsed.
const rps = opts.amount ? result.requests.total / result.duration : result.requests.average;
process.stdout.write(
  JSON.stringify({
    rps,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  }),
);
