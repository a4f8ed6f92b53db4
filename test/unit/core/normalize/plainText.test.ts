/* eslint-disable no-control-regex -- these tests look for control characters in the output */
import * as assert from 'node:assert/strict';
import { toPlainText } from '../../../../src/core/normalize/plainText';
import { NARRATIVE_LIMIT } from '../../../../src/core/normalize/answerLimits';
import { CPU, normalizeText } from '../../../support/normalizeHelpers';

const plain = (s: string): string => toPlainText(s, NARRATIVE_LIMIT);
const MB = 1024 * 1024;

describe('normalization: the narrative is plain text', () => {
  it('removes tags and their attributes, keeping the words', () => {
    assert.equal(
      plain('<p class="x" onclick="steal()">CPU <b>climbs</b> <i>steadily</i>.</p>'),
      'CPU climbs steadily.',
    );
    assert.equal(plain('Disk<br/>fills<div>soon</div>'), 'Disk\nfills\nsoon');
    assert.equal(
      plain('<a title="x > y" onmouseover=alert(1)>link</a> text'),
      'link text',
      'a ">" inside a quoted attribute does not end the tag',
    );
    assert.equal(plain('<?xml version="1.0"?><!DOCTYPE html><note>ok</note>'), 'ok');
  });

  it('removes <script> and <style> with their contents, and comments', () => {
    assert.equal(plain('a <script type="x">alert("<b>")</script> b <STYLE>p { color: red }</STYLE > c'), 'a b c');
    assert.equal(plain('a <!-- hidden <b>x</b> --> b'), 'a b');
    assert.equal(plain('before <script>never closed alert(1)'), 'before');
    assert.equal(plain('before <!-- never closed'), 'before');
  });

  it('removes javascript: URLs and event-handler attributes written as text', () => {
    assert.equal(plain('[details](javascript:alert(1)) and JavaScript :void(0) end'), '[details]( and end');
    assert.equal(plain('see j a v a s c r i p t:alert(1)'), 'see');
    assert.equal(plain('&lt;img src=x onerror=alert(1)&gt;'), '&lt;img src=x alert(1)&gt;');
    assert.equal(plain('one=1, online = yes'), 'one=1, yes', 'on… with three letters or more before "=" is a handler');
  });

  it('drops an unterminated tag to the end of its line, and leaves a lone "<" alone', () => {
    assert.equal(
      plain('latency < 100 ms and 3<4\nnext <img src=x onerror=alert(1)\nlast'),
      'latency < 100 ms and 3<4\nnext\nlast',
    );
  });

  it('removes control characters, terminal escapes and bidirectional overrides', () => {
    assert.equal(
      plain('\u001b[1;31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u001b\\ \u001b]0;title\u0007done'),
      'red link done',
    );
    assert.equal(plain('a\u0000b\u0007c\u007fd\u0085e\u009b31mf'), 'abcdef');
    assert.equal(plain('user \u202eevil\u202c name'), 'user evil name');
    assert.equal(plain('line one\r\nline two\rthree\u2028four'), 'line one\nline two\nthree\nfour');
  });

  it('tidies spaces and caps the length without splitting a surrogate pair', () => {
    assert.equal(plain('  a \t\t b  \n\n\n\n  c  '), 'a b\n\nc');
    const capped = toPlainText('x'.repeat(998) + '😀' + 'y'.repeat(10), 1000);
    assert.ok(capped.length <= 1000);
    assert.ok(capped.endsWith('…'));
    assert.ok(!/[\ud800-\udbff]…$/.test(capped), 'no lone high surrogate before the ellipsis');
  });

  for (const [name, unit] of [
    ['unterminated quoted attributes', '<a title="'],
    ['tags without ">"', '<a xxxxxxxxxx\n'],
    ['unclosed comments', '<!--'],
    ['unclosed scripts', '<script>'],
    ['lone "<"', '<'],
    ['escape introducers', '\u001b]\u001b['],
    ['spaces and newlines', ' \n\t'],
    ['quoted tags', '<a x="1">'],
  ]) {
    it(`is linear: 1 MB of ${name} within the test's 2 s`, function () {
      this.timeout(20_000);
      const text = (unit as string).repeat(Math.ceil(MB / (unit as string).length)) + ' end';
      const out = plain(text);
      assert.ok(out.length <= NARRATIVE_LIMIT);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(out));
    });
  }

  it('the narrative of a messy answer comes out as plain text', () => {
    const narrative =
      '<h1>Forecast</h1>\n<p style="x">CPU <em>rises</em>; disk is fine.</p><script>fetch("https://evil")</script>\u001b[2J<img src=x onerror="alert(1)">';
    const data = normalizeText(JSON.stringify({ cpu: CPU, narrative }));
    assert.equal(data.narrative, 'Forecast\n\nCPU rises; disk is fine.');
    const prose = normalizeText(
      `\u001b[32mSure!\u001b[0m <b>Here</b> it is:\n\`\`\`json\n${JSON.stringify({ cpu: CPU })}\n\`\`\`\n<script>x()</script>Bye.`,
    );
    assert.equal(prose.narrative, 'Sure! Here it is:\n\nBye.');
  });

  it('metric names the answer invents are plain text in the warning', () => {
    const data = normalizeText(JSON.stringify({ cpu: CPU, '<img src=x onerror=alert(1)>gpu\u001b[31m': CPU }));
    const warning = data.warnings.find((w) => w.includes('not in the data'));
    assert.ok(warning, data.warnings.join(' | '));
    assert.ok(!/[<>\u001b]/.test(warning) && !warning.includes('onerror'), warning);
  });
});

describe('normalization: which tags break a line', () => {
  const blocks = ['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
  for (const tag of [...blocks, 'pre', 'blockquote', 'hr', 'section', 'article', 'header', 'footer'])
    it(`<${tag}> starts a new line`, () => {
      assert.equal(plain(`before<${tag}>after`), 'before\nafter');
      assert.equal(plain(`before<${tag.toUpperCase()} class="x">after`), 'before\nafter');
    });

  it('inline tags do not', () => {
    for (const tag of ['b', 'span', 'a', 'em', 'code'])
      assert.equal(plain(`one <${tag}>two</${tag}> three`), 'one two three');
  });

  it('the contents of <style> go with it, as those of <script> do', () => {
    assert.equal(plain('a<style>p { color: red }</style>b'), 'a b');
    assert.equal(plain('a<STYLE type="text/css">x</style >b'), 'a b');
    assert.equal(plain('a<style/>b'), 'ab', 'a self-closed style has no contents');
  });

  it('tidies spaces: tabs and runs of spaces to one, none around lines, at most one blank line', () => {
    assert.equal(plain('a\t\tb  c\td'), 'a b c d');
    assert.equal(plain('a \n b'), 'a\nb');
    assert.equal(plain('a\n\n\n\nb'), 'a\n\nb');
    assert.equal(plain('  a  '), 'a');
    assert.equal(plain('a\r\nb\rc\u2028d'), 'a\nb\nc\nd');
  });

  it('cuts at the limit with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(toPlainText('abcdef', 6), 'abcdef');
    assert.equal(toPlainText('abcdefg', 6), 'abcde…');
    assert.equal(toPlainText('abcd😀fg', 6), 'abcd…');
    assert.equal(toPlainText('abc   defg', 5), 'abc…', 'no space before the ellipsis');
    assert.equal(toPlainText('abcd\ud800\udc00fg', 6), 'abcd…', 'the first high surrogate');
    assert.equal(toPlainText('abcd\udbff\udfffg', 6), 'abcd…', 'the last high surrogate');
    assert.equal(toPlainText('abcd\uff01fg', 6), 'abcd\uff01…', 'a character above the surrogates is whole');
  });
});

describe('normalization: markup and escapes at their edges', () => {
  it('terminal escapes cut off at the end of the text, and other escape sequences', () => {
    assert.equal(plain('x\u001b[31'), 'x', 'a CSI without its final byte');
    assert.equal(plain('x \u001b]0;title'), 'x', 'an OSC string without its terminator');
    assert.equal(plain('a\u001b(Bb\u001bcc\u001b'), 'abc', 'charset and reset sequences, a lone ESC');
    assert.equal(plain('x\u001b('), 'x');
  });

  it('vbscript: URLs, written whole or spaced', () => {
    assert.equal(plain('a vbscript:x b v b script:y c'), 'a b c');
  });

  it("attributes in single quotes hide '>' as double quotes do", () => {
    assert.equal(plain("<a title='x > y'>link</a>"), 'link');
  });

  it('a tag that never ends, with or without a quote, goes to the end of its line', () => {
    assert.equal(plain('x <b title="y" no end\nnext'), 'x\nnext');
    assert.equal(plain('a <b title="x>y'), 'a y', "a quote never closed: the tag ends at the first '>'");
  });

  it("'<!-->' opens a comment that a later '-->' closes", () => {
    assert.equal(plain('a <!--> b --> c'), 'a c');
  });
});
