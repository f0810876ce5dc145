// X displays for the test servers that need one (TigerVNC, x11vnc, FreeRDP's shadow server).
import { existsSync } from 'node:fs';

/** A display number no X server uses right now (bounded tries). */
export function freeDisplay(): number {
  for (let i = 0; i < 200; i++) {
    const display = 100 + Math.floor(Math.random() * 800);
    if (!existsSync(`/tmp/.X${display}-lock`) && !existsSync(`/tmp/.X11-unix/X${display}`)) return display;
  }
  throw new Error('no free X display number');
}
