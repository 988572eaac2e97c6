// A stand-in server for the ServiceProcess tests, run as its own process by plain node (hence
// JavaScript). Its behaviour comes from its environment, as the services' does.
import { createServer } from 'node:http';

const env = process.env;
if (env.FAIL_AT_START) {
  process.stderr.write(`${env.FAIL_AT_START}\n`);
  process.exit(3);
}
for (let i = 0; i < Number(env.STDOUT_LINES ?? 0); i += 1) process.stdout.write(`stdout line ${i}\n`);
if (env.STDERR_TEXT) process.stderr.write(env.STDERR_TEXT);

const readyAt = Date.now() + Number(env.READY_AFTER_MS ?? 0);
const server = createServer((req, res) => {
  if (req.url === '/env') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ env, execArgv: process.execArgv }));
  } else if (req.url === '/readyz') {
    res.statusCode = Date.now() >= readyAt ? 200 : 503;
    res.end();
  } else {
    res.statusCode = 404;
    res.end();
  }
});
server.listen(Number(env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  if (env.IGNORE_SIGTERM) return;
  server.close(() => process.exit(0));
});
