import * as assert from 'node:assert/strict';
import { Commands, PREFIX, Settings, Views } from '../../src/constants';

describe('constants', () => {
  it('every command and view id starts with the one prefix', () => {
    for (const id of [...Object.values(Commands), ...Object.values(Views)]) {
      assert.ok(id.startsWith(`${PREFIX}.`), id);
    }
    assert.equal(Settings.section, PREFIX);
  });
});
