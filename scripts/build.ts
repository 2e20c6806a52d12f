import {spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {build, type Plugin} from 'esbuild';
import {ROOT} from './local-kafka.js';

// npm run build: the types checked by tsc, then kex bundled by esbuild into dist/ (cli.js and the chunks it loads
// when needed: the explorer, the config commands). One bundle starts far faster than a thousand modules: ink alone
// imports about 1,300 files of es-toolkit for one function, which the bundle leaves out.

// ink, cli-truncate and widest-line measure every line of every frame with string-width; they get kex's narrow-width
// instead, which answers the same and skips string-width's slow path for the characters kex draws (see the file).
// wrap-ansi's own older string-width is left to it.
const NARROW_WIDTH = path.join(ROOT, 'source', 'ui', 'kit', 'narrow-width.ts');
const STRING_WIDTH = path.join(ROOT, 'node_modules', 'string-width', 'index.js');
const narrowWidth: Plugin = {
	name: 'narrow-width',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, async args => {
			if (args.importer === NARROW_WIDTH || args.pluginData === 'as-is') return undefined;
			const found = await build.resolve(args.path, {
				resolveDir: args.resolveDir,
				kind: args.kind,
				importer: args.importer,
				pluginData: 'as-is',
			});
			return found.path === STRING_WIDTH ? {path: NARROW_WIDTH} : found;
		});
	},
};

// meow's bundle evaluates normalize-package-data (and the SPDX licence tables it validates with) when it is
// imported, though it calls it only when a program reads its package through cli.pkg, which kex never does: about
// 30 ms of every start. The build makes that one binding load on first call. Should meow's file change, it is
// bundled as it is.
const EAGER_NORMALIZE =
	'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
const LAZY_NORMALIZE =
	'let normalizeLoaded;\nconst normalizePackageData = (...args) => (normalizeLoaded ??= getDefaultExportFromCjs(requireNormalize()))(...args);';
const lazyNormalize: Plugin = {
	name: 'lazy-normalize',
	setup(build) {
		build.onLoad({filter: /meow[\\/]build[\\/]dependencies\.js$/}, async args => {
			const text = await readFile(args.path, 'utf8');
			return text.includes(EAGER_NORMALIZE)
				? {contents: text.replace(EAGER_NORMALIZE, LAZY_NORMALIZE), loader: 'js'}
				: undefined;
		});
	},
};

export const buildKex = async (): Promise<boolean> => {
	if (spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], {stdio: 'inherit', cwd: ROOT}).status !== 0)
		return false;
	const outdir = path.join(ROOT, 'dist');
	rmSync(outdir, {recursive: true, force: true});
	await build({
		entryPoints: [path.join(ROOT, 'cli.tsx')],
		outdir,
		bundle: true,
		splitting: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		sourcemap: true,
		// V8 parses every byte of the bundle at each start; without the whitespace and comments, and with shorter
		// syntax, there is a third less of it. Names are kept, so stack traces in the error log still read.
		minifyWhitespace: true,
		minifySyntax: true,
		logLevel: 'warning',
		plugins: [narrowWidth, lazyNormalize],
		// Native modules stay where npm put them (loaded when first needed); ink asks for its devtools only with DEV=true.
		external: ['lz4-napi', '@node-rs/crc32', 'react-devtools-core'],
		// React, its reconciler and the scheduler ship a development build beside the production one and choose at
		// run time by NODE_ENV; defining it here makes that choice at build time, so the development build is left out:
		// the explorer's chunk was 1.85 MB, most of it code never run, parsed at every start.
		define: {'process.env.NODE_ENV': '"production"'},
		// The CommonJS libraries inside an ES module bundle need a require.
		banner: {
			js: "import {createRequire as __kexCreateRequire} from 'node:module'; const require = __kexCreateRequire(import.meta.url);",
		},
	});
	return true;
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, 'scripts', 'build.ts')) {
	buildKex().then(
		ok => process.exit(ok ? 0 : 1),
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : String(error));
			process.exit(1);
		},
	);
}
