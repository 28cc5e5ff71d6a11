/**
 * `seedProjects` (`--seed-projects N`): an account of N projects that DescribeProjects pages
 * through as AWS's model says (test/fixtures/rekognition-model.json: MaxResults is
 * ProjectsPageSize, NextToken an ExtendedPaginationToken, ProjectNames a list of 1 to 10 names).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DescribeProjectsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { parseArgs } from '../../../../src/sandbox/main';
import { expectError, useSandbox } from '../helpers';

interface Shape { length?: { min: number; max: number }; range?: { min: number; max: number } }
const MODEL = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'rekognition-model.json'), 'utf8')) as { shapes: Record<string, Shape> };
const PAGE = MODEL.shapes.ProjectsPageSize.range!;
const TOKEN = MODEL.shapes.ExtendedPaginationToken.length!;
const NAMES = MODEL.shapes.ProjectNames.length!;
const SEEDED = 500;

async function allPages(client: RekognitionClient, maxResults: number | undefined): Promise<{ names: string[]; sizes: number[] }> {
  const names: string[] = [];
  const sizes: number[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new DescribeProjectsCommand({ MaxResults: maxResults, NextToken: token }));
    sizes.push(out.ProjectDescriptions?.length ?? 0);
    for (const p of out.ProjectDescriptions ?? []) names.push(p.ProjectArn!.split('/')[1]);
    token = out.NextToken;
    if (token !== undefined) assert.ok(token.length <= TOKEN.max, `a NextToken of ${token.length} characters`);
  } while (token);
  return { names, sizes };
}

describe('sandbox: seeded projects, paged as the model says', () => {
  const box = useSandbox({ seedProjects: SEEDED });

  it(`pages ${SEEDED} projects ${PAGE.max} at a time by default, and by any MaxResults in ${PAGE.min}-${PAGE.max}`, async () => {
    const expected = Array.from({ length: SEEDED }, (_, i) => `project-${String(i + 1).padStart(3, '0')}`);
    const byDefault = await allPages(box.client, undefined);
    assert.deepStrictEqual(byDefault.sizes, [100, 100, 100, 100, 100]);
    assert.deepStrictEqual(byDefault.names, expected);
    const by50 = await allPages(box.client, 50);
    assert.deepStrictEqual(by50.sizes, Array(10).fill(50));
    assert.deepStrictEqual(by50.names, expected);
    const byMin = await box.client.send(new DescribeProjectsCommand({ MaxResults: PAGE.min }));
    assert.strictEqual(byMin.ProjectDescriptions?.length, PAGE.min);
  });

  it('refuses a MaxResults outside the range and more names than ProjectNames takes; finds a project by its exact name', async () => {
    await expectError(box.client.send(new DescribeProjectsCommand({ MaxResults: PAGE.max + 1 })), 'InvalidParameterException', 400, /maxResults/i);
    await expectError(box.client.send(new DescribeProjectsCommand({ MaxResults: PAGE.min - 1 })), 'InvalidParameterException', 400, /maxResults/i);
    const tooMany = Array.from({ length: NAMES.max + 1 }, (_, i) => `project-${String(i + 1).padStart(3, '0')}`);
    await expectError(box.client.send(new DescribeProjectsCommand({ ProjectNames: tooMany })), 'InvalidParameterException', 400, /projectNames/i);
    const one = await box.client.send(new DescribeProjectsCommand({ ProjectNames: ['project-250'] }));
    assert.deepStrictEqual(one.ProjectDescriptions?.map((p) => p.ProjectArn!.split('/')[1]), ['project-250']);
    assert.strictEqual(one.NextToken, undefined);
    // Exact names: a prefix or another case finds nothing.
    const none = await box.client.send(new DescribeProjectsCommand({ ProjectNames: ['project-25', 'PROJECT-250'] }));
    assert.deepStrictEqual(none.ProjectDescriptions, []);
  });

  it('--seed-projects N sets the option', () => {
    assert.strictEqual(parseArgs(['--seed-projects', '500']).seedProjects, 500);
    assert.throws(() => parseArgs(['--seed-projects', 'many']), /--seed-projects needs a whole number/);
  });
});
