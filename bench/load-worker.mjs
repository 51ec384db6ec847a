// Runs one autocannon load in its own process, so the load generator does not
// share the event loop of the server it measures. Input: JSON in argv[2]; output: JSON on stdout.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 20,
  duration: opts.seconds,
  headers: opts.headers,
  requests: opts.requests ?? opts.paths.map((path) => ({ method: 'GET', path })),
});
process.stdout.write(JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx }));
