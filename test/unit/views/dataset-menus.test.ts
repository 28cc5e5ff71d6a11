/**
 * The explorer's dataset menus (package.json `view/item/context`, matched on the contextValue the
 * tree gives a row): a menu opened while the service updates a dataset keeps the commands a person
 * expects; those that cannot run yet say why when chosen (issue #21 item 5).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { datasetContextValue } from '../../../src/views/dataset-status';
import { TRAIN_ARN, dataset } from './fakes';

interface MenuItem {
  command: string;
  when: string;
}

const menus = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
}).contributes.menus['view/item/context']!;

/** The commands of the context menu (not the inline buttons) a row with this contextValue shows. */
function menuOf(contextValue: string): string[] {
  return menus
    .filter((m) => (m as { group?: string }).group !== 'inline')
    .filter((m) => {
      const match = /viewItem =~ \/(.*)\/$/.exec(m.when);
      assert.ok(match, `a when clause matched on viewItem: ${m.when}`);
      return new RegExp(match[1]!).test(contextValue);
    })
    .map((m) => m.command.replace(/^customLabels\./, ''))
    .sort();
}

describe('dataset context menus', () => {
  const everything = ['browseEntries', 'copyArn', 'deleteDataset', 'distribute', 'downloadDataset', 'labelImages', 'listLabels', 'pushEntries', 'showGallery'];

  it('a training dataset with entries offers the same commands busy, complete or failed', () => {
    for (const status of ['UPDATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED'] as const) {
      assert.deepEqual(menuOf(datasetContextValue('TRAIN', dataset(TRAIN_ARN, status, 10))), everything, status);
    }
  });

  it('an empty dataset offers push, delete and copy whatever its status', () => {
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE'] as const) {
      assert.deepEqual(menuOf(datasetContextValue('TEST', dataset(TRAIN_ARN, status, 0))), ['copyArn', 'deleteDataset', 'pushEntries'], status);
    }
  });
});
