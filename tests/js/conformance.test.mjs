// The conformance suite through a second, independent renderer: formatjs on the ICU patterns.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';

import { caseFiles, conformanceDir, readJson } from './helpers.mjs';
import { render, RenderError } from './icu-renderer.mjs';

for (const file of caseFiles()) {
  const suite = readJson(file);
  const bundle = readJson(path.join(conformanceDir, suite.bundle));
  describe(`conformance ${path.basename(file)}`, () => {
    for (const testCase of suite.cases) {
      it(testCase.name, () => {
        if ('text' in testCase.expect) {
          const result = render(bundle, testCase.template, testCase.locale, testCase.params);
          assert.equal(result.text, testCase.expect.text);
          const order = ['greeting', 'confirm', 'solution', 'next_steps', 'closing'];
          const joined = order.map((name) => result.sections[name]).join('\n\n');
          assert.equal(joined, testCase.expect.text, 'sections joined by a blank line');
        } else {
          assert.throws(
            () => render(bundle, testCase.template, testCase.locale, testCase.params),
            (error) => error instanceof RenderError && error.code === testCase.expect.error,
          );
        }
      });
    }
  });
}
