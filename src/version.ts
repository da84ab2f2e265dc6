import fs from 'node:fs';
import path from 'node:path';

/** Gyre's version, from package.json (the one source of it). */
export const VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return JSON.parse(fs.readFileSync(path.join(__dirname, rel), 'utf8')).version as string;
    } catch {
      /* try the next layout: src/ when run from source, dist/src/ when built */
    }
  }
  return '0.0.0';
})();
