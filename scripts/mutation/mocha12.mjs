// Loaded into every Stryker process (see scripts/mutation/run.mjs). Stryker's mocha runner
// 10.0 requires mocha's CLI helpers without an extension (`mocha/lib/cli/run-helpers`), and
// mocha 12 ships them as `.cjs`, so the runner failed to load. This resolve hook retries
// such a request with `.cjs`; nothing else is touched, and it does nothing once the runner
// names the files itself.
import { registerHooks } from 'node:module';

const MOCHA_CLI = /[\\/]mocha[\\/]lib[\\/]cli[\\/][\w-]+$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!MOCHA_CLI.test(specifier)) throw error;
      return nextResolve(`${specifier}.cjs`, context);
    }
  },
});
