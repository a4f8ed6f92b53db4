// Required by the mocha runner under Stryker (stryker.config.json, mochaOptions.require).
// Mutated code is instrumented and runs slower, so a test's own time limit (`this.timeout`,
// e.g. a linear-time check of 2 s) would fail it in the initial run; Stryker enforces its
// own limit on every mutant instead (timeoutMS, timeoutFactor), and a mutant that makes a
// test hang counts as caught. So under Stryker, mocha's limits are off.
import Mocha from 'mocha';

for (const proto of [Mocha.Runnable.prototype, Mocha.Suite.prototype]) {
  const timeout = proto.timeout;
  proto.timeout = function (...args) {
    return args.length ? timeout.call(this, 0) : timeout.call(this);
  };
}
