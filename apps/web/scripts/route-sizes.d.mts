export interface RouteSize {
  path: string;
  /** The route component's source, e.g. `src/modules/inbox/InboxPage.vue`. */
  source: string;
  /** Initial JS files (dist-relative): entry, layout, the component and their static imports. */
  files: string[];
  gzipBytes: number;
}

export function routeComponents(root?: string): { path: string; source: string }[];
export function routeSizes(distDir?: string, root?: string): RouteSize[];
export function formatTable(rows: RouteSize[]): string;
