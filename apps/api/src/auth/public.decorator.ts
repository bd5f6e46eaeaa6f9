import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'orglife:isPublic';

/** Marks a route as reachable without an access token (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
