import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CLOCK, type Clock } from '../clock/clock.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import type { RobotProvider } from './notification.vocabulary.js';
import { robotRequest } from './robot-messages.js';

export interface Outgoing {
  /** The delivery's id: its idempotency key (the e-mail's Message-ID). */
  id: string;
  subject: string;
  body: string;
  link: string | null;
}

/** E-mail through the configured SMTP server (nodemailer). */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(@Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions) {}

  async send(to: string, mail: Outgoing): Promise<void> {
    const smtp = this.options.smtp;
    if (!smtp) throw new Error('SMTP is not configured (SMTP_HOST)');
    this.transport ??= nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    });
    const link = absolute(this.options.publicUrl, mail.link);
    await this.transport.sendMail({
      from: smtp.from,
      to,
      subject: mail.subject,
      // one Message-ID per delivery, so a resend after a crash is recognisably the same mail
      messageId: `<${mail.id}@orglife>`,
      text: [mail.body, link ? `\n查看：${link}` : ''].join('\n'),
      html: `<p>${htmlText(mail.body)}</p>${link ? `<p><a href="${escapeHtml(link)}">查看 / Open</a></p>` : ''}`,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** Posts to a group robot's webhook in the service's documented JSON, signed when it has a secret. */
@Injectable()
export class RobotSender {
  constructor(
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async send(
    robot: { provider: RobotProvider; webhookUrl: string; secret: string | null },
    message: Outgoing,
  ): Promise<void> {
    const request = robotRequest(
      robot.provider,
      robot.webhookUrl,
      robot.secret,
      {
        title: message.subject,
        body: message.body,
        link: absolute(this.options.publicUrl, message.link),
      },
      this.clock.now(),
    );
    const response = await fetch(request.url, {
      method: 'POST',
      // none of the three services reads it; a receiver that does can drop a resend after a crash
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': message.id },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${robot.provider} answered ${response.status}: ${text.slice(0, 200)}`);
    // all three answer 200 with an error code in the body when they refuse a message
    const answer = parse(text);
    const code = answer?.['errcode'] ?? answer?.['code'] ?? 0;
    if (code !== 0) throw new Error(`${robot.provider} refused the message: ${text.slice(0, 200)}`);
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function absolute(publicUrl: string | undefined, link: string | null): string | null {
  if (!link) return null;
  return publicUrl ? `${publicUrl}${link}` : link;
}

/** Plain text as HTML: escaped, lines kept, web addresses made links (a digest lists several). */
function htmlText(text: string): string {
  return escapeHtml(text)
    .replace(/https?:\/\/[^\s<"]+/g, (url) => `<a href="${url}">${url}</a>`)
    .replace(/\n/g, '<br>');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
