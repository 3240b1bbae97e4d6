// Wall benchmarks against a running app (see docs/benchmarks.md):
//   node wall-bench.js nav   --base http://127.0.0.1:5101 [--runs 5]
//   node wall-bench.js walls --base http://127.0.0.1:5101 --pid <server pid> [--pages 10] [--rate 5] [--seconds 60]
// nav:   navigation → prerendered page → circuit and module ready → every chart drawn (median of runs).
// walls: server RSS before and after opening N wall pages; then server CPU seconds over a window of `rate` incidents/s
//        reported through the JSON API, first with the N walls open, then with none (difference / N = CPU per wall).
// Requires playwright-core (npm ci here, or PLAYWRIGHT_CORE=/path/to/playwright-core) and /usr/bin/chromium.
const fs = require('fs');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const args = Object.fromEntries(process.argv.slice(3).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []));
const base = args.base || 'http://127.0.0.1:5101';
const apiKey = args.key || 'cc_demo_0123456789abcdef';
const password = args.password || 'Demo#2026cc';
const drawn = "() => { const c=[...document.querySelectorAll('.cc-chart')]; return c.length>=5 && c.every(x=>x.querySelector('.apexcharts-canvas svg')); }";
const sleep = ms => new Promise(r => setTimeout(r, ms));
const median = v => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function signIn(context) {
  const page = await context.newPage();
  await page.goto(base + '/account/login');
  await page.fill('#login-user', args.user || 'wall');
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(u => !String(u).includes('/account/login'));
  return page;
}

function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}

function rssMiB(pid) {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function grids() {
  // A few grid codes from the wall's own map (no extra API needed).
  return JSON.parse(process.env.GRIDS || 'null');
}

async function report(gridCodes, n) {
  const grid = gridCodes[n % gridCodes.length];
  const response = await fetch(base + '/api/v1/incidents', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': apiKey, 'Idempotency-Key': `bench-${Date.now()}-${n}-${Math.random()}` },
    body: JSON.stringify({ title: `基准测试事件 ${n}`, categoryCode: 'E0102', gridCode: grid, source: 'gridWorker' }),
  });
  if (!response.ok) {
    throw new Error(`report ${response.status}: ${await response.text()}`);
  }
}

async function ingestWindow(pid, gridCodes, rate, seconds) {
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  let sent = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * rate);
    while (sent < due) {
      await report(gridCodes, sent++);
    }
    await sleep(20);
  }
  return { cpu: cpuSeconds(pid) - cpu0, sent, wall: (Date.now() - t0) / 1000 };
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const first = await signIn(context);
  if (process.argv[2] === 'nav') {
    const runs = Number(args.runs || 5);
    const results = [];
    for (let i = 0; i <= runs; i++) {
      await first.goto('about:blank');
      const t0 = Date.now();
      await first.goto(base + '/wall', { waitUntil: 'domcontentloaded' });
      const page = Date.now() - t0;
      await first.waitForSelector('html[data-wall-ready=true]', { state: 'attached', timeout: 60000 });
      const ready = Date.now() - t0;
      await first.waitForFunction(drawn, null, { timeout: 60000, polling: 20 });
      const all = Date.now() - t0;
      if (i > 0) results.push({ page, ready, drawn: all });
    }
    console.log(JSON.stringify(results));
    console.log(`median ms: prerendered page ${median(results.map(r => r.page))}, circuit+module ready ${median(results.map(r => r.ready))}, fully drawn ${median(results.map(r => r.drawn))}`);
  } else {
    const pid = Number(args.pid);
    const pages = Number(args.pages || 10);
    const rate = Number(args.rate || 5);
    const seconds = Number(args.seconds || 60);
    await first.goto(base + '/wall');
    await first.waitForFunction(drawn, null, { timeout: 60000 });
    const gridCodes = await first.$$eval('.wall-map-grids path', ps => ps.map(p => p.dataset.grid).slice(0, 50));
    await first.goto('about:blank');
    await sleep(5000);
    const rss0 = rssMiB(pid);
    const walls = [];
    let reloads = 0;
    for (let i = 0; i < pages; i++) {
      const page = await context.newPage();
      await page.goto(base + '/wall');
      page.on('framenavigated', frame => { if (frame === page.mainFrame()) reloads++; });
      await page.waitForFunction(drawn, null, { timeout: 120000 });
      walls.push(page);
    }
    await sleep(10000);
    const rss1 = rssMiB(pid);
    console.log(`RSS ${rss0.toFixed(1)} MiB with no wall, ${rss1.toFixed(1)} MiB with ${pages} walls: ${((rss1 - rss0) / pages).toFixed(2)} MiB per wall`);
    const withWalls = await ingestWindow(pid, gridCodes, rate, seconds);
    const stillLive = await walls[walls.length - 1].evaluate(() => document.querySelector('[data-kpi=received]')?.dataset.value);
    console.log(`with ${pages} walls: ${withWalls.sent} incidents in ${withWalls.wall.toFixed(0)} s, server CPU ${withWalls.cpu.toFixed(2)} s (last wall shows received=${stillLive}; wall reloads: ${reloads})`);
    for (const page of walls) {
      await page.close();
    }
    await sleep(5000);
    const without = await ingestWindow(pid, gridCodes, rate, seconds);
    console.log(`with no wall: ${without.sent} incidents, server CPU ${without.cpu.toFixed(2)} s`);
    const perWall = (withWalls.cpu - without.cpu) / pages / withWalls.wall;
    console.log(`CPU per wall at ${rate} incidents/s: ${(perWall * 1000).toFixed(1)} ms per second (${(perWall * 100).toFixed(2)} % of one core)`);
  }
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
