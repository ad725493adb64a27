import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The one way the browser tests start Debian's Chromium (`apt-get install -y chromium`) over an app
 * served on a free port. Without Chromium they are skipped on a workstation, with a message saying
 * so; in CI (`CI` set) they run, and fail if it is missing.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const mustRunInBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI);
export const describeInBrowser = mustRunInBrowser ? describe : describe.skip;

if (!mustRunInBrowser) process.stderr.write(`test/browser : tests dans Chromium ignorés : ${CHROMIUM} absent (apt-get install -y chromium pour les lancer).\n`);

export interface Browsing {
  base: string;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface BrowsingOptions {
  width?: number;
  /** Fail an action well before jest's own timeout, so that the message names it. */
  timeout?: number;
  /** The pages run no script: a test that brings one in (axe) goes past their policy. */
  bypassCSP?: boolean;
  /** Where a console error or a failed request is written down: a CSP violation or a missing resource shows up there. */
  problems: string[];
}

export async function openBrowser(app: RequestListener, options: BrowsingOptions): Promise<Browsing> {
  const server = createServer(app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'ent-compliance-chromium-'));
  const close = async () => {
    await context?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(userDataDir, { recursive: true, force: true });
  };
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: options.width ?? 1200, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      bypassCSP: options.bypassCSP ?? false,
    });
  } catch (e) {
    await close();
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.timeout ?? 15_000);
  page.on('console', (m) => {
    // A page answered 4xx (an error page, a refused document) is logged as a failed load: the
    // status is checked by the tests themselves; any other console error is a problem.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      options.problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A link followed as a download ends its navigation there: Chromium reports it aborted.
    if (r.isNavigationRequest() && r.failure()?.errorText === 'net::ERR_ABORTED' && /\/reports\/[^/]+\/pdf$/.test(r.url())) return;
    options.problems.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) options.problems.push(`resource ${r.status()}: ${r.url()}`);
  });
  return { base, context, page, close };
}
