/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />
import type { PosBridge } from '../../shared/bridge';

declare global {
  interface Window {
    pos?: PosBridge;
  }
}
