// A program for terminal.test.ts: the real terminal entry point (runApp) on a
// fixture cluster, where an error nobody catches is thrown once the view is up,
// as a bug in a timer or a stream handler would. Does nothing unless run with
// --throw-after-first-frame (node --test loads every file in this directory).
// With --stdin-eio-after-first-frame it is the terminal that fails instead: a read
// returns EIO, as when the pty's other end is closed before the SIGHUP arrives.
import {runApp} from '../../source/ui/run.js';
import {labProps} from '../ui/app.js';
import {FixtureSource, stuckScaleCluster} from '../ui/fixtures.js';

if (process.argv.includes('--throw-after-first-frame')) {
	runApp(labProps(new FixtureSource(stuckScaleCluster()), {width: undefined, height: undefined, onExit: undefined}));
	setTimeout(() => {
		const error = new Error('something broke after the first frame\nwith a second line');
		error.stack = `${error.message}\n    at a stack trace nobody should see`;
		throw error;
	}, 1500);
}

if (process.argv.includes('--stdin-eio-after-first-frame')) {
	runApp(labProps(new FixtureSource(stuckScaleCluster()), {width: undefined, height: undefined, onExit: undefined}));
	setTimeout(() => {
		process.stdin.emit('error', Object.assign(new Error('read EIO'), {code: 'EIO', syscall: 'read', errno: -5}));
	}, 1500);
}
