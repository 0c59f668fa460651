export {App, type AppProps} from './App.js';
export {renderSnapshot, type SnapshotOptions} from './snapshot.js';
export {runApp, type RunOptions} from './run.js';
export {commands, type Command, type CommandId} from './keys.js';
