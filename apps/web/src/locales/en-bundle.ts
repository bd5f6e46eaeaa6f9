// Everything English in one lazy chunk: the app's messages and Element Plus's own texts.
export { default as messages } from './en';
export { default as elementPlus } from 'element-plus/es/locale/lang/en.mjs';
