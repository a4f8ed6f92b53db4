// Writes dist/README.md, the README that goes into the .vsix (`npm run package` passes it
// to vsce with --readme-path): README.md without its relative images (the screenshots).
// VS Code shows an installed extension's README with https images only: a relative path
// or a data: URI is dropped, and this project has no public URL to host the images at.
// vsce still checks the result (any other relative link is an error there).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'README.md');
const isRelative = (link) => !/^[a-z][\w+.-]*:/i.test(link) && !link.startsWith('#');

const dropped = [];
const readme = readFileSync(join(root, 'README.md'), 'utf8')
  // an image alone in its paragraph goes with its blank line; one inside text goes alone
  .replace(/(\n?)!\[[^\]]*\]\(([^)\s]+)\)(\n\n)?/g, (all, before, link, after) => {
    if (!isRelative(link)) return all;
    dropped.push(link);
    return before && after ? '\n' : `${before}${after ?? ''}`;
  });
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, readme);
console.log(`${relative(root, target)}: README.md for the package${dropped.length ? ` without ${dropped.join(', ')}` : ''}`);
