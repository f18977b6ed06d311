import type { Env } from '@keel/core/env';
import nodemailer from 'nodemailer';

/**
 * Outgoing e-mail (digests), injected like the vendor actions so tests point it at an
 * in-process SMTP server. Without SMTP_URL it is unconfigured and says why, so a delivery that
 * could not go out is recorded as skipped with that reason rather than silently dropped.
 */
export type Mail = { to: string; subject: string; text: string };

export type Mailer =
  | { configured: true; send(mail: Mail): Promise<{ messageId: string }>; close(): void }
  | { configured: false; reason: string; close(): void };

export const SMTP_NOT_CONFIGURED = 'SMTP is not configured: set SMTP_URL to e-mail digests';

export function createMailer(env: Pick<Env, 'SMTP_URL' | 'SMTP_FROM'>): Mailer {
  if (!env.SMTP_URL) return { configured: false, reason: SMTP_NOT_CONFIGURED, close() {} };
  const transport = nodemailer.createTransport(env.SMTP_URL, { from: env.SMTP_FROM });
  return {
    configured: true,
    async send(mail) {
      const info = await transport.sendMail({ from: env.SMTP_FROM, ...mail });
      return { messageId: String(info.messageId ?? '') };
    },
    close() {
      transport.close();
    },
  };
}
