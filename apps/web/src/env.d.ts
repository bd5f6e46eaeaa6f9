/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface ImportMetaEnv {
  /** IANA time zone every time is shown and typed in (default Asia/Shanghai). */
  readonly VITE_TIME_ZONE?: string;
}
