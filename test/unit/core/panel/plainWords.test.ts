import * as assert from 'node:assert/strict';
import {
  confidenceInWords,
  confidenceParts,
  methodInWords,
  methodsInWords,
} from '../../../../src/core/panel/plainWords';
import { germanL10n } from '../../../support/germanL10n';

const FIVE_MIN = 300_000;
const HOUR = 3_600_000;

describe('Plain words for the panel', () => {
  it('says each built-in method id in words, periods counted in steps of the data', () => {
    assert.equal(methodInWords('snaive-2016', FIVE_MIN), 'last week repeated');
    assert.equal(methodInWords('snaive-24', HOUR), 'last day repeated');
    assert.equal(methodInWords('snaive-12', HOUR), 'last 12 h repeated');
    assert.equal(methodInWords('naive', HOUR), 'last value carried forward');
    assert.equal(
      methodInWords('sar-7-log-hl4032', FIVE_MIN),
      'seasonal autoregression on log values, weighted to the last 2 weeks',
    );
    assert.equal(methodInWords('sar-7-hl168', HOUR), 'seasonal autoregression, weighted to the last week');
    assert.equal(methodInWords('theil-sen', HOUR), 'robust straight-line trend');
    assert.equal(methodInWords('theta-168', HOUR), 'smoothed trend with the weekly pattern');
    assert.equal(methodInWords('ses', HOUR), 'smoothed recent level');
    assert.equal(methodInWords('ets-damped', HOUR), 'smoothed level with a fading trend');
    assert.equal(methodInWords('profile-24-median7', HOUR), 'typical day shape of the last week');
    assert.equal(methodInWords('profile-168-ewm3', HOUR), 'recent-weighted week shape of the last 3 weeks');
    assert.equal(
      methodInWords('profile-24-median14-trend', HOUR),
      'typical day shape of the last 2 weeks, with a trend',
    );
    assert.equal(methodInWords('hw-damped-24', HOUR), 'seasonal smoothing with a fading trend (daily pattern)');
    assert.equal(methodInWords('groq:llama-3.3-70b', HOUR), 'groq:llama-3.3-70b', 'a name it does not know stays');
  });

  it('counts whole days and weeks of steps, and names other cycles by their length', () => {
    assert.equal(methodInWords('snaive-72', HOUR), 'last 3 days repeated');
    assert.equal(methodInWords('snaive-336', HOUR), 'last 2 weeks repeated');
    assert.equal(methodInWords('theta-12', HOUR), 'smoothed trend with the 12 h pattern');
    assert.equal(methodInWords('theta-48', HOUR), 'smoothed trend with the 2 days pattern');
    assert.equal(methodInWords('hw-damped-168', HOUR), 'seasonal smoothing with a fading trend (weekly pattern)');
  });

  it('counts shape variants by their shape, with or without a trend, and says a median as such', () => {
    assert.equal(
      methodsInWords(['profile-24-median7', 'profile-24-median14-trend'], 'median', HOUR),
      'median of 2 typical day shape variants',
    );
    assert.equal(
      methodsInWords(['profile-24-ewm3-trend', 'naive'], 'mean', HOUR),
      'mean of recent-weighted day shape and last value carried forward',
    );
    assert.equal(
      methodsInWords(['profile-24-median7-trendy', 'naive'], 'mean', HOUR),
      'mean of profile-24-median7-trendy and last value carried forward',
      'an id it does not know is kept whole, even one that starts like a shape',
    );
    assert.equal(
      methodsInWords(['naive', 'ses'], 'provider', HOUR),
      'mean of last value carried forward and smoothed recent level',
    );
  });

  it('says a combination by family, variants counted', () => {
    assert.equal(
      methodsInWords(['sar-7-hl2016', 'sar-7-log-hl4032', 'sar-7-log-hl2016'], 'mean', FIVE_MIN),
      'mean of 3 seasonal autoregression variants',
    );
    assert.equal(
      methodsInWords(['sar-7-hl2016', 'snaive-2016'], 'mean', FIVE_MIN),
      'mean of seasonal autoregression and last week repeated',
    );
    assert.equal(
      methodsInWords(['sar-7-hl2016', 'sar-7-log-hl2016', 'snaive-2016', 'theil-sen'], 'mean', FIVE_MIN),
      'mean of seasonal autoregression (2 variants), last week repeated and robust straight-line trend',
    );
    assert.equal(methodsInWords(['snaive-2016'], 'single', FIVE_MIN), 'last week repeated');
  });

  it('says the confidence parts in words, true to their definitions in risk.ts', () => {
    const c = { skill: 0.7, coverage: 0.94, dataQuality: 0.99, reach: 0.75 };
    assert.equal(
      confidenceInWords(c, 0.95, true),
      // skill 0.5 + 0.2: errors 20% smaller; coverage 1 − 4·0.015: 1.5 points off; reach 1 − 0.25
      'backtest errors 20% smaller than repeating the last season · backtest intervals within 1.5 points of their 95% target · data quality 99% (gaps, seasons of history) · the horizon is 25% of the history',
    );
    assert.match(
      confidenceInWords(c, 0.95, true, 0.82),
      / · backtest intervals held 82% of the time \(target 95%\) · /,
    );
    assert.match(confidenceInWords({ ...c, skill: 0.3 }, 0.95, true), /^backtest errors 20% larger than/);
    assert.match(confidenceInWords({ ...c, skill: 0.5 }, 0.95, true), /^backtest errors as large as/);
    assert.match(confidenceInWords({ ...c, skill: 1 }, 0.95, true), /^backtest errors at most half/);
    assert.match(confidenceInWords({ ...c, skill: 0 }, 0.95, true), /^backtest errors at least 1\.5×/);
    assert.match(confidenceInWords(c, 0.95, false), /^agreement with the built-in forecast and track record 70% · /);
    assert.match(confidenceInWords({ ...c, coverage: 1 }, 0.8, true), / · backtest intervals held their 80% target · /);
    assert.match(confidenceInWords({ ...c, reach: 0 }, 0.95, true), /the horizon is as long as the history$/);
    assert.match(
      confidenceInWords({ ...c, coverage: 0 }, 0.95, true),
      / · backtest intervals 25 or more points off their 95% target · /,
    );
    assert.equal(confidenceParts(c), 'skill 0.70 · coverage 0.94 · data 0.99 · reach 0.75');
  });
  it('says methods and confidence in the display language, every word from the bundle', () => {
    const de = germanL10n();
    assert.equal(methodInWords('snaive-2016', FIVE_MIN, de), 'Wiederholung des letzten Zeitraums (Woche)');
    assert.equal(
      methodInWords('sar-7-log-hl2016', FIVE_MIN, de),
      'saisonale Autoregression auf Logarithmen, gewichtet auf den letzten Zeitraum (Woche)',
    );
    assert.equal(methodInWords('theta-288', FIVE_MIN, de), 'geglätteter Trend mit Muster (täglich)');
    assert.equal(
      methodInWords('profile-288-median7-trend', FIVE_MIN, de),
      'typischer Verlauf (Tag) aus dem letzten Zeitraum (Woche), mit Trend',
    );
    assert.equal(
      methodsInWords(['sar-7-hl2016', 'sar-14-log-hl4032', 'theta-2016'], 'mean', FIVE_MIN, de),
      'Mittel aus saisonale Autoregression (2 Varianten) und geglätteter Trend mit Muster (wöchentlich)',
    );
    assert.equal(
      methodsInWords(['sar-7-hl2016', 'sar-7-log-hl2016'], 'median', FIVE_MIN, de),
      'Median aus 2 Varianten: saisonale Autoregression',
    );
    assert.equal(
      confidenceInWords({ skill: 0.8, coverage: 0.96, dataQuality: 0.99, reach: 0.75 }, 0.95, true, 0.94, de),
      'Backtest-Fehler 30 % kleiner als bei Wiederholung der letzten Saison · Backtest-Intervalle trafen in 94 % der Fälle (Ziel 95 %) · Datenqualität 99 % (Lücken, Saisons der Historie) · der Horizont beträgt 25 % der Historie',
    );
    // the English text is the translator's key: the default says it as before
    assert.equal(methodInWords('theta-288', FIVE_MIN), 'smoothed trend with the daily pattern');
  });
});
