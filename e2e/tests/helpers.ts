import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { E2E } from '../env.ts';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '../artifacts');

export type Account = { email: string; password: string };

export async function signIn(page: Page, account: Account = E2E.demo): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Opens the project menu and picks a project by name (first one when no name is given). */
export async function switchProject(page: Page, name?: string): Promise<string> {
  await page
    .getByRole('button', { name: /project/i })
    .first()
    .click();
  const items = page.getByRole('menuitemradio');
  const item = name ? items.filter({ hasText: name }).first() : items.first();
  const label = (await item.locator('span span').first().textContent())?.trim() ?? '';
  await item.click();
  await expect(
    page.getByRole('button', { name: `Active project: ${label}. Switch project` }).first(),
  ).toBeVisible();
  return label;
}

/**
 * Saves the current screen at laptop and phone widths under e2e/artifacts (CI keeps the folder).
 * `ready` is awaited at each size so the picture shows data, not skeletons.
 */
export async function screenshotBoth(page: Page, name: string, ready?: () => Promise<void>): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  const original = page.viewportSize() ?? { width: 1440, height: 900 };
  for (const [width, height, tag] of [
    [1440, 900, 'desktop'],
    [390, 844, 'mobile'],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (ready) await ready();
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(artifacts, `${name}-${tag}-${width}x${height}.png`) });
  }
  await page.setViewportSize(original);
}

/** What scripts/stack.ts bound: the sandbox project the journeys work in. */
export type Fixture = {
  project: string;
  client: string | null;
  /** A conversation whose contact wrote nothing lately: a reply to it is not held as upset. */
  quietReply: { conversationId: number; contactId: number } | null;
};

export function fixture(): Fixture {
  // The stack writes it under E2E_TMP_DIR when set (parallel stacks), else e2e/.tmp.
  const tmp = process.env.E2E_TMP_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '../.tmp');
  const file = join(tmp, 'fixture.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Fixture;
}

/** A short phrase from a message: up to three consecutive words of four letters or more. */
export function phraseFrom(text: string): string {
  const words = text.match(/[\p{L}]{4,}/gu) ?? [];
  return words.slice(0, 3).join(' ');
}
