import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { APP_LOGGER } from '../logging/app-logger.js';
import { AdministratorService } from './administrator.service.js';

export const CREATE_ADMIN_HINT =
  'No Organization Department administrator exists: create one with `pnpm --silent orglife admin create --username U --name N --password-stdin --org-name NAME`, or start once with ORGLIFE_ADMIN_USERNAME and ORGLIFE_ADMIN_PASSWORD set (README "Running it for your university").';

/**
 * On start: the administrator from ORGLIFE_ADMIN_* when there is none yet (as Grafana and
 * Keycloak do), else one line saying how to create one. An empty database that the demo seed
 * is about to fill is left to it.
 */
@Injectable()
export class FirstAdministrator implements OnApplicationBootstrap {
  constructor(
    private readonly administrators: AdministratorService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ units }] = await this.db.query<[{ units: number }]>(
      `SELECT count(*)::int AS units FROM org_unit`,
    );
    if (units === 0 && this.options.seed) return;
    if (await this.administrators.hasAdministrator()) return;
    const wanted = this.options.firstAdministrator;
    if (!wanted) {
      this.logger.warn(CREATE_ADMIN_HINT);
      return;
    }
    const created = await this.administrators
      .create({ ...wanted, orgName: units === 0 ? wanted.orgName : undefined })
      .catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        this.logger.error(`ORGLIFE_ADMIN_USERNAME: ${error.message} ${CREATE_ADMIN_HINT}`);
        return null;
      });
    if (!created) return;
    this.logger.info(
      `Created the administrator ${wanted.username} on ${created.rootUnitName} from ORGLIFE_ADMIN_USERNAME.`,
    );
  }
}
