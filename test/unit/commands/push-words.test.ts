import * as assert from 'node:assert/strict';
import { importableButton, linesAre, linesWord, plural, problemsQuestion, pushingTitle } from '../../../src/commands/push-words';

describe('push: counted words agree with their count', () => {
  it('the progress title says "1 entry", "2 entries"', () => {
    assert.equal(pushingTitle(1, 'birds › Training dataset'), 'Pushing 1 entry to birds › Training dataset');
    assert.equal(pushingTitle(2, 'birds › Training dataset'), 'Pushing 2 entries to birds › Training dataset');
    assert.equal(pushingTitle(1200, 'b'), 'Pushing 1,200 entries to b');
  });

  it('the invalid-lines question and its button', () => {
    assert.equal(problemsQuestion(1, 1, 'a.manifest'), '1 of 1 line in a.manifest has problems.');
    assert.equal(problemsQuestion(2, 5, 'a.manifest'), '2 of 5 lines in a.manifest have problems.');
    assert.equal(importableButton(1), 'Push 1 Line, Errors Included');
    assert.equal(importableButton(3), 'Push 3 Lines, Errors Included');
  });

  it('lines and their verb (0-based in, 1-based out)', () => {
    assert.equal(linesWord([2]), 'line 3');
    assert.equal(linesWord([1, 2, 6]), 'lines 2-3, 7');
    assert.equal(linesAre([2]), 'line 3 was');
    assert.equal(linesAre([2, 2]), 'line 3 was', 'a line counted twice is one line');
    assert.equal(linesAre([1, 2]), 'lines 2-3 were');
    assert.equal(plural(1, 'entry', 'entries'), '1 entry');
    assert.equal(plural(0, 'entry', 'entries'), '0 entries');
  });
});
