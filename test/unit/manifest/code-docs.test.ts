/** Every problem code is described (the SARIF rules' descriptions come from here), in one or two sentences. */
import * as assert from 'assert';
import { codeDoc } from '../../../src/manifest/code-docs';
import { LocalCodes, ServiceCodes } from '../../../src/manifest/codes';

describe('codeDoc: what each code means', () => {
  for (const code of [...Object.values(ServiceCodes), ...Object.values(LocalCodes)]) {
    it(code, () => {
      const doc = codeDoc(code);
      assert.ok(doc !== undefined && doc.length >= 20 && /[.)]$/.test(doc), `${code}: ${doc}`);
    });
  }
  it('nothing for a code nobody has, nor for a key of every object', () => {
    assert.strictEqual(codeDoc('CL_NO_SUCH_CODE'), undefined);
    assert.strictEqual(codeDoc('constructor'), undefined);
    assert.strictEqual(codeDoc('toString'), undefined);
  });
});
