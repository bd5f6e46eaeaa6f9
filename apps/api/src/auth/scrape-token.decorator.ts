import { SetMetadata } from '@nestjs/common';

export const ALLOWS_SCRAPE_TOKEN = 'orglife:allowsScrapeToken';

/**
 * Lets a monitoring system in with the configured scrape token (`METRICS_TOKEN`) instead of an
 * access token; the request then has no user. Signed-in callers are checked as usual.
 */
export const AllowScrapeToken = () => SetMetadata(ALLOWS_SCRAPE_TOKEN, true);
