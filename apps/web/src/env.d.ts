/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** An Element Plus component's stylesheet, imported for its effect (unplugin-element-plus). */
declare module 'element-plus/es/components/*/style/css';

interface ImportMetaEnv {
  /** IANA time zone every time is shown and typed in (default Asia/Shanghai). */
  readonly VITE_TIME_ZONE?: string;
}
