// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the setting itself, loaded by base/zod before it hands zod on
import * as z from 'zod';

/**
 * zod checks each value by walking its schema, not by first compiling a checker for each
 * object schema (its "JIT", through `new Function`). The compiled checker pays off only
 * over thousands of checks of one schema; here most schemas check a value a few times per
 * run, so compiling cost more than it saved: the forecast's first output check took 10–18
 * ms with it and 4–6 ms without (later checks about 0.5–1 ms either way). The result of a
 * check is the same. An object schema built before this setting asks at once whether the
 * runtime allows `new Function`, and reads `navigator` to find out, which VS Code's
 * extension host answers with a deprecation warning and a stack trace in its log: so every
 * module that builds schemas gets zod from base/zod, which loads this first.
 */
z.config({ jitless: true });
