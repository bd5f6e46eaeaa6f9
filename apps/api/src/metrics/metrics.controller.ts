import { Controller, ForbiddenException, Get, Header, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { isOdAdmin } from '../access/od-admin.js';
import type { AuthenticatedRequest } from '../auth/current-user.decorator.js';
import { AllowScrapeToken } from '../auth/scrape-token.decorator.js';
import { bilingual } from '../common/locale.js';
import { AppMetrics } from './app-metrics.js';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  /** Prometheus text format, for administrators or a scraper holding `METRICS_TOKEN`. */
  @ApiBearerAuth()
  @AllowScrapeToken()
  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format', type: String })
  async scrape(@Req() request: AuthenticatedRequest): Promise<string> {
    if (request.user && !isOdAdmin(request.user)) {
      throw new ForbiddenException(
        bilingual('仅组织部管理员可查看运行指标。', 'Only administrators can read the metrics.'),
      );
    }
    return this.metrics.registry.metrics();
  }
}
