/** Command-line entry: `custom-labels lint FILE...`. */
process.stderr.write('custom-labels: the linter is not built yet\n');
process.exitCode = 2;
