// pa11y (WCAG 2 AA, HTML_CodeSniffer) over the pages named on the command line, in one
// Debian Chromium: prints {url: [issue, ...]} as JSON, errors only. Exit code 0 when the
// run worked, whatever it found (the test reads the counts).
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run",
];

async function main(urls) {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const results = {};
  try {
    for (const url of urls) {
      const page = await browser.newPage();
      await page.setViewport({ width: 390, height: 844 });
      const result = await pa11y(url, {
        browser, page, standard: "WCAG2AA", includeWarnings: false, includeNotices: false,
        timeout: 30000,
      });
      results[url] = result.issues.filter((issue) => issue.type === "error");
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(2);
});
