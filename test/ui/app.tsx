// The App wired to fixtures, as the tests and the benchmark render it.
import type {LabActions} from '../../source/model/actions.js';
import type {ClusterSource} from '../../source/model/cluster.js';
import {App, type AppProps} from '../../source/ui/App.js';
import {resolveTheme} from '../../themes/index.js';
import {now, recorder} from './fixtures.js';

export const connection = {context: 'arn:aws:eks:us-east-2:123456789012:cluster/lab', server: 'https://4A5B6C7D8E9F0A1B.gr7.us-east-2.eks.amazonaws.com'};

export function labProps(source: ClusterSource, overrides: Partial<AppProps> = {}): AppProps & {actions: LabActions} {
	return {
		source,
		actions: recorder(),
		connection,
		namespace: 'default',
		theme: resolveTheme('default', {}),
		width: 120,
		height: 40,
		now: () => now,
		onExit() {},
		...overrides,
	};
}

export function labApp(props: AppProps) {
	return <App {...props} />;
}
