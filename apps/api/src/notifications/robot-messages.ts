import { createHmac } from 'node:crypto';
import type { RobotProvider } from './notification.vocabulary.js';

export interface RobotMessage {
  title: string;
  body: string;
  link: string | null;
}

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

const text = (m: RobotMessage) => [m.title, m.body, m.link].filter(Boolean).join('\n');

/**
 * DingTalk 加签: HmacSHA256 of `timestamp + "\n" + secret` keyed by the secret, Base64, then
 * URL-encoded, sent as the `timestamp` (ms) and `sign` query parameters.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/**
 * Feishu 签名校验: HmacSHA256 keyed by `timestamp + "\n" + secret` over an empty message, Base64;
 * the timestamp (seconds) and sign go in the JSON body.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The request each service documents for a custom group robot's webhook. */
export function robotRequest(
  provider: RobotProvider,
  webhookUrl: string,
  secret: string | null,
  message: RobotMessage,
  now: Date,
): RobotRequest {
  switch (provider) {
    case 'wecom':
      // WeCom (企业微信群机器人) does not sign: the key in the webhook URL is the secret.
      return { url: webhookUrl, body: { msgtype: 'text', text: { content: text(message) } } };
    case 'dingtalk': {
      const url = new URL(webhookUrl);
      if (secret) {
        const timestamp = now.getTime();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingtalkSign(secret, timestamp));
      }
      return { url: url.toString(), body: { msgtype: 'text', text: { content: text(message) } } };
    }
    case 'feishu': {
      const timestamp = Math.floor(now.getTime() / 1000);
      const signed = secret
        ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) }
        : {};
      return {
        url: webhookUrl,
        body: { ...signed, msg_type: 'text', content: { text: text(message) } },
      };
    }
  }
}
