import { Module, ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/http/http-adapter.js';
import { OffsetClock } from '../src/testing/offset.clock.js';
import { TestClockModule, testClockEnabled } from '../src/testing/test-clock.module.js';

@Module({})
class EmptyApp {}

describe('test clock (ORGLIFE_TEST_CLOCK=1, browser tests only)', () => {
  const clock = new OffsetClock();
  let app: Awaited<ReturnType<typeof createApp>>;

  async function createApp() {
    const moduleRef = await Test.createTestingModule({
      imports: [TestClockModule.around({ module: EmptyApp }, clock)],
    }).compile();
    const nest = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    nest.useGlobalPipes(
      new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    );
    nest.setGlobalPrefix('api');
    await nest.init();
    await nest.getHttpAdapter().getInstance().ready();
    return nest;
  }

  beforeAll(async () => {
    app = await createApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is enabled only by ORGLIFE_TEST_CLOCK=1', () => {
    expect(testClockEnabled({})).toBe(false);
    expect(testClockEnabled({ ORGLIFE_TEST_CLOCK: 'true' })).toBe(false);
    expect(testClockEnabled({ ORGLIFE_TEST_CLOCK: '1' })).toBe(true);
  });

  it('moves the server clock forward by advanceMs while real time keeps flowing', async () => {
    const day = 24 * 3600 * 1000;
    const before = Date.now();

    const response = await request(app.getHttpServer())
      .post('/api/test/clock')
      .send({ advanceMs: 3 * day });

    expect(response.status).toBe(200);
    const movedTo = new Date(response.body.now as string).getTime();
    expect(movedTo).toBeGreaterThanOrEqual(before + 3 * day);
    expect(movedTo).toBeLessThan(Date.now() + 3 * day + 1000);
    const read = await request(app.getHttpServer()).get('/api/test/clock');
    expect(new Date(read.body.now as string).getTime()).toBeGreaterThanOrEqual(movedTo);
  });

  it('refuses to move the clock backwards or by a non-integer amount', async () => {
    const backwards = await request(app.getHttpServer())
      .post('/api/test/clock')
      .send({ advanceMs: -1 });
    const fractional = await request(app.getHttpServer())
      .post('/api/test/clock')
      .send({ advanceMs: 1.5 });

    expect(backwards.status).toBe(400);
    expect(fractional.status).toBe(400);
    expect(() => clock.advance(-5)).toThrow(/non-negative/);
  });
});
