// Duty console timing (docs/benchmarks.md): node console-bench.js [base-url] [screenshot.png]
const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const base = process.argv[2] || 'http://127.0.0.1:5101';
  await page.goto(base + '/Account/Login');
  await page.fill('input[name="Input.UserName"], input[name="UserName"], #username, input[type=text]', 'duty');
  await page.fill('input[type=password]', 'Demo#2026cc');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const loads = [], switches = [];
  for (let i = 0; i < 5; i++) {
    let t = Date.now();
    await page.goto(base + '/console');
    await page.waitForSelector('.cc-queue .cc-queue-title', { timeout: 30000 });
    loads.push(Date.now() - t);
    await page.waitForTimeout(1500);
    t = Date.now();
    await page.getByText('已超时').first().click();
    await page.waitForTimeout(50);
    await page.waitForSelector('.cc-queue .cc-queue-title', { timeout: 30000 });
    switches.push(Date.now() - t);
  }
  console.log(JSON.stringify({ loads, switches }));
  if (process.argv[3]) await page.screenshot({ path: process.argv[3] });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
