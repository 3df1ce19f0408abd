#!/usr/bin/env node
// `npm run lint:layers`: checks the layer rules of .dependency-cruiser.cjs (docs/architecture.md) over the whole
// source tree, resolving the @renja/* aliases through tsconfig.json. It calls dependency-cruiser's API rather than
// its `depcruise` command, whose version check refuses Node 20 (this machine's and CI's Node, package.json engines);
// the API runs on it. Exit code 1 and one line per violation when a rule is broken.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const CONFIG = './.dependency-cruiser.cjs';
const SOURCES = ['apps', 'libs', 'projections', 'test', 'bench'];

const options = await extractDepcruiseOptions(CONFIG);
const tsConfig = extractTSConfig(options.ruleSet.options?.tsConfig?.fileName ?? 'tsconfig.json');
const outputType = process.argv[2] ?? 'err';
const result = await cruise(SOURCES, { ...options, validate: true, outputType }, {}, { tsConfig });
process.stdout.write(typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2));
process.exitCode = result.exitCode > 0 ? 1 : 0;
