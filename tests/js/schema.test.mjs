// Every bundle the tests produce is valid against schemas/bundle.schema.json (JSON Schema 2020-12).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { build, conformanceDir, readJson, replycBinary, root, writtenBundles } from './helpers.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(readJson(path.join(root, 'schemas', 'bundle.schema.json')));

function assertValid(bundle, label) {
  const ok = validate(bundle);
  assert.ok(ok, `${label}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

describe('bundle schema', () => {
  it('accepts the conformance bundle', () => {
    assertValid(readJson(path.join(conformanceDir, 'shop.bundle.json')), 'shop.bundle.json');
  });

  const binary = replycBinary();
  const sources = [
    ['the conformance sources', ['tests/conformance/sources']],
    ['the bundle test fixtures', ['tests/bundle/fixtures/good']],
    ['the examples', ['examples']],
  ];
  for (const [label, inputs] of sources) {
    it(`accepts what replyc builds from ${label}`, { skip: binary ? false : 'no replyc binary (set REPLYC)' }, () => {
      assertValid(readJson(build(binary, inputs)), label);
    });
  }

  for (const file of writtenBundles()) {
    it(`accepts ${path.basename(file)} written by the C++ tests`, () => {
      assertValid(readJson(file), file);
    });
  }

  it('rejects bundles that break the contract', () => {
    const good = readJson(path.join(conformanceDir, 'shop.bundle.json'));
    const mutations = {
      'another format': (b) => { b.format = 'other'; },
      'format version 2': (b) => { b.formatVersion = 2; },
      'a bad source hash': (b) => { b.sourceHash = 'md5:abc'; },
      'a missing section': (b) => { delete b.templates[0].locales.ar.sections.closing; },
      'an unknown param type': (b) => { b.templates[0].params[0].type = 'url'; },
      'a style the type does not have': (b) => {
        b.templates[0].locales.ar.sections.confirm.parts[1].style = 'long';
      },
      'a choice without other': (b) => {
        delete b.templates[0].locales.ar.sections.greeting.parts[0].branches.other;
      },
      'an empty text part': (b) => { b.templates[0].locales.ar.message.parts.push(''); },
      'an unknown field': (b) => { b.templates[0].colour = 'red'; },
      'an invalid excluded reason': (b) => { b.excluded[0].reason = 'tired'; },
    };
    for (const [label, mutate] of Object.entries(mutations)) {
      const bundle = structuredClone(good);
      mutate(bundle);
      assert.equal(validate(bundle), false, `the schema must reject ${label}`);
    }
  });
});
