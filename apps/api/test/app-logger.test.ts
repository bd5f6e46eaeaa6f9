import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PinoNestLogger } from '../src/logging/app-logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level }, sink)), lines };
}

describe("Nest's logging through pino", () => {
  it('writes the message with its context as a JSON line', async () => {
    const { logger, lines } = capture('info');
    logger.log('Nest application successfully started', 'NestApplication');
    await expect
      .poll(() => lines[0])
      .toMatchObject({
        level: 30,
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      });
  });

  it('keeps an error’s stack apart from its context', async () => {
    const { logger, lines } = capture('info');
    logger.error('job failed', 'Error: boom\n    at run (job.ts:1)', 'JobExecutor');
    await expect
      .poll(() => lines[0])
      .toMatchObject({
        level: 50,
        context: 'JobExecutor',
        stack: 'Error: boom\n    at run (job.ts:1)',
        msg: 'job failed',
      });
  });

  it('spreads an object message into the line and drops what is below the level', async () => {
    const { logger, lines } = capture('warn');
    logger.log('not written', 'Quiet');
    logger.warn({ msg: 'retrying', attempt: 2 }, 'JobExecutor');
    await expect.poll(() => lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      context: 'JobExecutor',
      msg: 'retrying',
      attempt: 2,
    });
  });
});
