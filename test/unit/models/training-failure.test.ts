/**
 * A failed training's errors placed on local lines (src/models/training-failure.ts): validation
 * lines written here in the guide's format (tm-debugging-scope-json-line: `errors` arrays of
 * {code, message} at the line, in the metadata, in an annotation), local manifests written here,
 * the expected lines counted by hand.
 */
import * as assert from 'assert';
import { findLocalLines, placeTrainingErrors, readValidationManifest, refsWithErrors, statusInWords, trainingErrorsReport } from '../../../src/models';

const line = (ref: string, extra: Record<string, unknown> = {}) => JSON.stringify({ 'source-ref': ref, label: 1, 'label-metadata': { 'class-name': 'cat', confidence: 1, type: 'groundtruth/image-classification', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00' }, ...extra });

describe('models: a failed training\'s errors on the local lines', () => {
  const validation = [
    line('s3://b/a.jpg'),
    line('s3://b/bad1.jpg', { errors: [{ code: 'ERROR_INVALID_IMAGE', message: 'The image is not valid.' }] }),
    JSON.stringify({ 'source-ref': 's3://b/bad2.jpg', label: 1, 'label-metadata': { 'class-name': 'cat', confidence: 2, errors: [{ code: 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA', message: 'The confidence is not valid.' }] } }),
    line('s3://b/elsewhere.jpg', { errors: [{ code: 'ERROR_INVALID_IMAGE', message: 'The image is not valid.' }] }),
  ];
  const local = ['', line('s3://b/bad2.jpg'), line('s3://b/a.jpg'), 'not json', line('s3://b/bad1.jpg'), line('s3://b/bad1.jpg')];

  it('places each error on the first local line with its source-ref, in every manifest that holds it; the rest stays unplaced', () => {
    const lines = readValidationManifest(validation);
    const validations = [{ dataset: 'training' as const, lines }];
    const wanted = refsWithErrors(validations);
    assert.deepStrictEqual([...wanted].sort(), ['s3://b/bad1.jpg', 's3://b/bad2.jpg', 's3://b/elsewhere.jpg']);
    const other = [line('s3://b/zzz.jpg'), line('s3://b/bad1.jpg')];
    const { placed, unplaced } = placeTrainingErrors(validations, [
      { file: 'train.manifest', found: findLocalLines(wanted, local) },
      { file: 'other.manifest', found: findLocalLines(wanted, other) },
    ]);
    assert.deepStrictEqual(
      placed.map((p) => [p.file, p.fileLine, p.issue.code, p.issue.path, p.dataset]),
      [
        ['train.manifest', 4, 'ERROR_INVALID_IMAGE', '', 'training'],
        ['other.manifest', 1, 'ERROR_INVALID_IMAGE', '', 'training'],
        ['train.manifest', 1, 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA', 'label-metadata', 'training'],
      ],
    );
    assert.strictEqual(placed[0]!.text, local[4]);
    assert.deepStrictEqual(unplaced.map((u) => [u.dataset, u.line.line, u.line.sourceRef]), [['training', 3, 's3://b/elsewhere.jpg']]);
  });

  it('findLocalLines reads the source-ref as JSON does: escapes decoded, spaces around the colon, the line\'s own key not a nested one', () => {
    const wanted = new Set(['s3://b/a.jpg', 's3://b/c.jpg']);
    const lines = [
      JSON.stringify({ x: { 'source-ref': 's3://b/c.jpg' }, 'source-ref': 's3://b/other.jpg' }),
      '{"source-ref" : "s3://b/\\u0061.jpg", "label": 1}',
      '{"x":{"source-ref":"s3://b/zzz.jpg"},"source-ref":"s3://b/c.jpg"}',
    ];
    assert.deepStrictEqual([...findLocalLines(wanted, lines)].map(([ref, l]) => [ref, l.fileLine]), [['s3://b/a.jpg', 1], ['s3://b/c.jpg', 2]]);
  });

  it('statusInWords: the codes out, the sentences kept', () => {
    assert.strictEqual(
      statusInWords('ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST: The manifest file contains too many invalid rows. ERROR_INSUFFICIENT_LABEL_OVERLAP: Less than 50% label overlap between the training and testing manifest files.'),
      'The manifest file contains too many invalid rows. Less than 50% label overlap between the training and testing manifest files.',
    );
    assert.strictEqual(statusInWords('The manifest file is empty.'), 'The manifest file is empty.');
    assert.strictEqual(statusInWords(undefined), 'The service gave no reason.');
  });

  it('the report lists the summary\'s errors and each line (1-based) with its errors', () => {
    const text = trainingErrorsReport('birds v1', 'ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST: The manifest file contains too many invalid rows.', {
      training: { total: 4, invalid: 3, ignored: 0, errorLines: [1, 2, 3], errors: [{ code: 'ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST', message: 'The manifest file contains too many invalid rows.' }] },
      errors: [],
    }, [{ dataset: 'training', lines: readValidationManifest(validation) }]);
    assert.match(text, /^birds v1\n\nTraining failed: The manifest file contains too many invalid rows\.\n/);
    assert.match(text, /training dataset: 4 lines, 3 with errors, 0 ignored/);
    assert.match(text, /training dataset: ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST: The manifest file contains too many invalid rows\./);
    assert.match(text, /Lines of the training dataset with errors \(3\):\n {2}line 2: s3:\/\/b\/bad1\.jpg\n {4}error ERROR_INVALID_IMAGE: The image is not valid\.\n {2}line 3: s3:\/\/b\/bad2\.jpg\n {4}error ERROR_INVALID_LABEL_ATTRIBUTE_METADATA: The confidence is not valid\. \(at label-metadata\)/);
  });
});
