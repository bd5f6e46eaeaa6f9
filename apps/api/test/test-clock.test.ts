import { type CanActivate, type ExecutionContext, Module, ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../src/auth/auth-user.js';
import type { RoleName } from '../src/access/role-name.js';
import { createHttpAdapter } from '../src/http/http-adapter.js';
import { OffsetClock } from '../src/testing/offset.clock.js';
import { TestClockModule, testClockEnabled } from '../src/testing/test-clock.module.js';

@Module({})
class EmptyApp {}

/** Stands in for the JWT guard: the caller holds the role named in `x-role` (od_admin by default). */
class RoleHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      user: AuthUser;
    }>();
    const role = (request.headers['x-role'] ?? 'od_admin') as RoleName;
    request.user = { personId: 'p', username: role, roles: [{ role, orgUnitId: 'u' }] };
    return true;
  }
}

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
    nest.useGlobalGuards(new RoleHeaderGuard());
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

  it('answers OD administrators only (issue 14 point 15)', async () => {
    for (const role of ['member', 'branch_secretary', 'committee_secretary', 'inspector']) {
      const read = await request(app.getHttpServer()).get('/api/test/clock').set('x-role', role);
      const move = await request(app.getHttpServer())
        .post('/api/test/clock')
        .set('x-role', role)
        .send({ advanceMs: 1000 });
      expect([read.status, move.status], role).toEqual([403, 403]);
    }
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
