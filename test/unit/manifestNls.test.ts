import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const read = (name: string): Record<string, Json> =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, name), 'utf8')) as Record<string, Json>;
const manifest = read('package.json');
const english = read('package.nls.json') as Record<string, string>;
const german = read('package.nls.de.json') as Record<string, string>;
/** A manifest string VS Code replaces from package.nls*.json: the whole value is `%key%`. */
const REFERENCE = /^%([\w.-]+)%$/;
/** Fields of the contribution points a person reads (in the palette, menus, Settings, views, walkthroughs). */
const USER_FACING = new Set([
  'title',
  'shortTitle',
  'category',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'patternErrorMessage',
  'errorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'contextualTitle',
  'contents',
  'altText',
  'label',
  'aliases',
]);

/** Every string under `node`, with its path, and whether a person reads it. */
function* strings(node: Json, at: string, facing: boolean): Generator<{ at: string; text: string; facing: boolean }> {
  if (typeof node === 'string') yield { at, text: node, facing };
  else if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* strings(item, `${at}[${i}]`, facing);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      // a view's name is its title; elsewhere `name` is an identifier
      const read = USER_FACING.has(key) || (key === 'name' && /\.views\.\w+\[\d+\]$/.test(at));
      yield* strings(value, `${at}.${key}`, read && !at.endsWith('.properties'));
    }
}

const all = [...strings(manifest, 'package.json', false)];
const facing = [
  ...all.filter((s) => s.facing && /^package\.json\.(contributes|capabilities)\./.test(s.at)),
  ...all.filter((s) => s.at === 'package.json.displayName' || s.at === 'package.json.description'),
];
const referenced = new Set(all.flatMap((s) => REFERENCE.exec(s.text)?.[1] ?? []));

describe('Manifest localization (package.nls.json)', () => {
  it('finds the strings a person reads: command titles, settings, views, walkthroughs', () => {
    const at = facing.map((s) => s.at).join('\n');
    for (const field of [
      'package.json.displayName',
      'contributes.commands[0].title',
      'contributes.commands[0].category',
      'properties.bottleneck.providers.markdownDescription',
      'properties.bottleneck.providers.items.properties.id.anyOf[0].enumDescriptions[0]',
      'properties.bottleneck.forecast.horizon.patternErrorMessage',
      'walkthroughs[0].steps[0].description',
      'contributes.views.explorer[0].name',
      'viewsWelcome[0].contents',
      'capabilities.untrustedWorkspaces.description',
    ])
      assert.ok(at.includes(field), `${field} is walked`);
    assert.ok(facing.length > 70, `${facing.length} strings`);
  });

  it('externalizes every user-facing string of package.json', () => {
    const inline = facing.filter((s) => !REFERENCE.test(s.text)).map((s) => `${s.at}: ${s.text.slice(0, 60)}`);
    assert.deepEqual(inline, [], 'strings written in package.json instead of package.nls.json');
  });

  it('defines every key package.json references, and no key it does not', () => {
    assert.deepEqual(
      [...referenced].filter((k) => typeof english[k] !== 'string' || english[k].trim() === ''),
      [],
      'missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(english).filter((k) => !referenced.has(k)),
      [],
      'unused keys in package.nls.json',
    );
  });

  it('ships a whole German translation with the same keys, links, code and setting references', () => {
    assert.deepEqual(Object.keys(german).sort(), Object.keys(english).sort());
    const marks = (text: string): string[] =>
      [...text.matchAll(/`[^`]*`|\(command:[^)]*\)|#[\w.]+#/g)].map((m) => m[0]).sort();
    for (const [key, text] of Object.entries(english)) {
      const translated = german[key] ?? '';
      assert.ok(translated.trim() !== '', `${key} is translated`);
      assert.deepEqual(marks(translated), marks(text), `${key} keeps its links, code and setting references`);
      // only names stay as they are
      if (!['displayName', 'command.category'].includes(key)) assert.notEqual(translated, text, `${key} is German`);
    }
  });

  it('writes each key once in each file (JSON.parse would keep the last one silently)', () => {
    for (const name of ['package.nls.json', 'package.nls.de.json']) {
      const keys = [...fs.readFileSync(path.join(REPO_ROOT, name), 'utf8').matchAll(/^ {2}"([^"]+)":/gm)].map(
        (m) => m[1],
      );
      assert.deepEqual(
        keys.filter((k, i) => keys.indexOf(k) !== i),
        [],
        name,
      );
    }
  });

  it('puts both files in the package', () => {
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!package\.nls\.json$/m);
    assert.match(ignore, /^!package\.nls\.(\*|de)\.json$/m);
  });
});

describe('Settings explain themselves (contributes.configuration)', () => {
  const configuration = (manifest['contributes'] as { configuration: { properties: Record<string, Json> } })
    .configuration;
  const settings = Object.entries(configuration.properties) as [string, Record<string, Json>][];
  /** Every enum in a setting's schema, with its path. */
  function* enums(node: Json, at: string): Generator<{ at: string; node: Record<string, Json> }> {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* enums(item, `${at}[${i}]`);
    else if (node !== null && typeof node === 'object') {
      if (Array.isArray(node['enum'])) yield { at, node };
      for (const [key, value] of Object.entries(node)) yield* enums(value, `${at}.${key}`);
    }
  }

  it('gives every setting a markdownDescription, an order of its own and a scope', () => {
    const scopes = new Set([
      'application',
      'machine',
      'machine-overridable',
      'window',
      'resource',
      'language-overridable',
    ]);
    for (const [id, s] of settings) {
      assert.equal(typeof s['markdownDescription'], 'string', `${id} has a markdownDescription`);
      assert.equal(s['description'], undefined, `${id}: one description, in Markdown`);
      assert.equal(typeof s['order'], 'number', `${id} has an order`);
      assert.ok(scopes.has(s['scope'] as string), `${id} has a scope`);
    }
    assert.equal(new Set(settings.map(([, s]) => s['order'])).size, settings.length, 'no two share an order');
  });

  it('describes every value of every enum, the provider ids, response formats and breach sides among them', () => {
    const found = settings.flatMap(([id, s]) => [...enums(s, id)]);
    assert.ok(found.length >= 3, `${found.length} enums`);
    for (const { at, node } of found)
      assert.equal((node['enumDescriptions'] as Json[] | undefined)?.length, (node['enum'] as Json[]).length, at);
  });

  it('keeps endpoints and what guards your keys and data out of a workspace’s reach', () => {
    const scope = (id: string): Json | undefined => configuration.properties[id]?.['scope' as never];
    // keys are bound to hosts on this machine: the stack is per machine; a trusted workspace may
    // override it, and the host it names needs consent before a key goes there (never synced)
    assert.equal(scope('bottleneck.providers'), 'machine-overridable');
    assert.equal(scope('bottleneck.health.failoverToCloud'), 'application');
    assert.equal(scope('bottleneck.auditTrailLimit'), 'application');
  });
});
