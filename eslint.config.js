// Lint for the whole repo: type-aware typescript-eslint, React hooks, and no import cycles.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import {importX} from 'eslint-plugin-import-x';
import {createTypeScriptImportResolver} from 'eslint-import-resolver-typescript';

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'bench/results/**', 'patches/**', 'docs/**', 'source/sandbox/components/**', 'bench/k9s/**'],
	},
	{
		files: ['**/*.{ts,tsx,mjs,js}'],
		extends: [tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parserOptions: {
				projectService: {
					// The scripts are plain ESM run by Node, outside tsconfig.json; lint them with TypeScript's default project.
					allowDefaultProject: ['scripts/*.mjs', 'eslint.config.js'],
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
				},
				tsconfigRootDir: import.meta.dirname,
			},
		},
		plugins: {'react-hooks': reactHooks, 'import-x': importX},
		settings: {
			// Without these import-x skips .ts/.tsx files when it follows imports, and no-cycle sees nothing.
			'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
			'import-x/parsers': {'@typescript-eslint/parser': ['.ts', '.tsx']},
			'import-x/resolver-next': [createTypeScriptImportResolver({project: 'tsconfig.json'})],
		},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			...reactHooks.configs.recommended.rules,
			'import-x/no-cycle': 'error',
			// Kubernetes API objects, fixtures and client-node internals arrive as raw JSON; the code narrows them by hand where it reads them.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			// Stores, informers and actions are objects of closures declared with method shorthand; none of them uses `this`.
			'@typescript-eslint/unbound-method': 'off',
			// A leading underscore marks a value dropped on purpose (rest-omit, unused parameter of an interface).
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true}],
			// Rejections forward a caught value unchanged (typed unknown); new rejections are Errors.
			'@typescript-eslint/prefer-promise-reject-errors': ['error', {allowThrowingUnknown: true}],
			'@typescript-eslint/no-floating-promises': [
				'error',
				// node:test's test/describe return promises that the runner itself awaits.
				{allowForKnownSafeCalls: [{from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach']}]},
			],
		},
	},
	{
		// The view, the wiring and the themes never see raw JSON: keep them free of `any`.
		files: ['source/ui/**', 'source/app/**', 'cli.tsx', 'themes/**'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unsafe-member-access': 'error',
			'@typescript-eslint/no-unsafe-assignment': 'error',
			'@typescript-eslint/no-unsafe-call': 'error',
			'@typescript-eslint/no-unsafe-argument': 'error',
			'@typescript-eslint/no-unsafe-return': 'error',
		},
	},
	{
		files: ['test/**'],
		rules: {
			// Fakes and test callbacks are async to match the interfaces and hooks they stand in for.
			'@typescript-eslint/require-await': 'off',
		},
	},
);
