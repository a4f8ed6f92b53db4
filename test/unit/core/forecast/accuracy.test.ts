import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { coverage, mase, msis, owa, seasonalNaiveScale, smape } from '../../../../src/core/forecast/accuracy';
import { seasonalNaive } from '../../../../src/core/forecast/methods/seasonalNaive';
import { loadM4Hourly, M4_DIR } from '../../../../bench/m4data';

describe('accuracy measures', () => {
  it('sMAPE by hand', () => {
    // 200·|100−110|/(100+110) = 9.5238…, 200·|50−40|/90 = 22.222…
    assert.ok(Math.abs(smape([100, 50], [110, 40]) - (9.523809523809524 + 22.22222222222222) / 2) < 1e-12);
  });

  it('sMAPE of zero against zero is 0, not NaN', () => {
    assert.equal(smape([0], [0]), 0);
  });

  it('the seasonal naive scale and MASE by hand', () => {
    // |3−1| + |4−2| + |6−3| over 3 → 7/3
    const scale = seasonalNaiveScale([1, 2, 3, 4, 6], 2);
    assert.ok(Math.abs(scale - 7 / 3) < 1e-12);
    assert.ok(Math.abs(mase([10, 10], [11, 7], scale) - 2 / (7 / 3)) < 1e-12);
  });

  it('MSIS adds 2/α times the miss outside the interval', () => {
    // widths 2 and 3; the second point is 1 above its upper bound: + (2/0.05)·1
    assert.ok(Math.abs(msis([1, 4], [0, 0], [2, 3], 1, 0.05) - (2 + 3 + 40) / 2) < 1e-12);
    assert.equal(coverage([1, 4], [0, 0], [2, 3]), 0.5);
  });

  it('OWA is relative to Naive2', () => {
    assert.equal(owa(18.383, 2.395, 18.383, 2.395), 1);
  });

  it('seasonal naive on M4 Hourly reproduces the published sMAPE 13.912 and MASE 1.193', function () {
    // The data sits beside the repository (never in it); CI always has it.
    if (!fs.existsSync(M4_DIR)) {
      if (process.env['CI']) assert.fail(`M4 data not found at ${M4_DIR}`);
      this.skip();
    }
    const data = loadM4Hourly();
    assert.equal(data.length, 414);
    let s = 0;
    let m = 0;
    const method = seasonalNaive(24);
    for (const series of data) {
      const f = method.forecast(series.train, { horizon: 48, periods: [24] });
      s += smape(series.test, f);
      m += mase(series.test, f, seasonalNaiveScale(series.train, 24));
    }
    assert.equal((s / data.length).toFixed(3), '13.912');
    assert.equal((m / data.length).toFixed(3), '1.193');
  });
});

describe('accuracy measures: each term and boundary', () => {
  const near = (actual: number, expected: number): void =>
    assert.ok(Math.abs(actual - expected) < 1e-12, `${actual}, expected ${expected}`);

  it('the scale falls back to lag 1 when the history is no longer than the season', () => {
    // three values, season 3: no seasonal pair, so |2−1| and |4−2| over 2
    near(seasonalNaiveScale([1, 2, 4], 3), 1.5);
    near(seasonalNaiveScale([1, 2, 4], 7), 1.5);
    // four values, season 3: the one pair |5−1|
    near(seasonalNaiveScale([1, 2, 4, 5], 3), 4);
  });

  it('MSIS: the width, then 2/α times the distance below the lower bound or above the upper one, over the scale', () => {
    // inside: only the width 3 − 1
    near(msis([2], [1], [3], 1, 0.05), 2);
    // 2 below a lower bound of 1: width 2, plus 40·2
    near(msis([-1], [1], [3], 1, 0.05), 82);
    // 2 above an upper bound of 3: width 2, plus 40·2
    near(msis([5], [1], [3], 1, 0.05), 82);
    // α = 0.2: 10 per unit of miss
    near(msis([5], [1], [3], 1, 0.2), 22);
    // on a bound: no miss
    near(msis([1, 3], [1, 1], [3, 3], 1, 0.05), 2);
    // the mean over the points, divided by the scale
    near(msis([2, 5], [1, 1], [3, 3], 4, 0.05), (2 + 82) / 2 / 4);
    near(mase([2, 5], [1, 1], 4), (1 + 4) / 2 / 4);
  });

  it('coverage counts a value on either bound as inside, and one beyond either as outside', () => {
    assert.equal(coverage([1, 3], [1, 1], [3, 3]), 1);
    assert.equal(coverage([0.5, 3.5], [1, 1], [3, 3]), 0);
    assert.equal(coverage([0.5, 2, 3, 4], [1, 1, 1, 1], [3, 3, 3, 3]), 0.5);
  });
});
