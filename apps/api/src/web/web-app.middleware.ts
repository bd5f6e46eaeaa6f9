import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { join } from 'node:path';

/**
 * Serves the built web app on every path outside `/api`: its files, and index.html for any other
 * GET so client-side routes survive a reload (SPA fallback). `/api` paths go on to Nest.
 */
export function serveWebApp(app: INestApplication, webDist: string, apiPrefix: string): void {
  const index = join(webDist, 'index.html');
  const isApi = (path: string) => path === `/${apiPrefix}` || path.startsWith(`/${apiPrefix}/`);
  const assets = express.static(webDist, { index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApi(req.path)) return next();
    assets(req, res, () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}
