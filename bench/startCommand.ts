import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shape of package.json "start": Node options first, then the caller's NODE_OPTIONS. */
const START = /^NODE_OPTIONS="([^"$`\\]*?)\s*\$NODE_OPTIONS" (?:exec )?node dist\/index\.js$/;

/**
 * The Node options `npm start` puts before the caller's NODE_OPTIONS, from package.json's
 * `"start": "NODE_OPTIONS=\"<options> $NODE_OPTIONS\" exec node dist/index.js"`. Throws when "start"
 * has another shape: the soak must run its server as the service is shipped, so it must be told.
 */
export function parseStartOptions(start: string): string {
  const match = START.exec(start.trim());
  if (!match) {
    throw new Error(
      `package.json "start" is not NODE_OPTIONS="<options> $NODE_OPTIONS" exec node dist/index.js: ${start}`,
    );
  }
  return (match[1] ?? '').trim();
}

/**
 * NODE_OPTIONS as `npm start`'s shell builds it for the service, from the caller's own: the
 * shipped options first, so the caller's (later on the line) win.
 */
export function startNodeOptions(root: string, callerNodeOptions = process.env.NODE_OPTIONS ?? ''): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return `${parseStartOptions(pkg.scripts?.start ?? '')} ${callerNodeOptions}`;
}
