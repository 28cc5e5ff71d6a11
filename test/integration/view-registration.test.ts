import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VIEW_CONTAINER_ID, Views } from '../../src/constants';

describe('explorer view registration', () => {
  it(`contributes the ${VIEW_CONTAINER_ID} activity-bar container and its ${Views.projects} view`, async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(
      commands.includes(`workbench.view.extension.${VIEW_CONTAINER_ID}`),
      `the command that opens the container, workbench.view.extension.${VIEW_CONTAINER_ID}, exists`,
    );
    // Rejects ("command not found") when the view is not registered.
    await vscode.commands.executeCommand(`${Views.projects}.focus`);
  });
});
