// Imported first by tests of the terminal entry point: Ink reads CI when it is
// first loaded and then draws only the last frame. In a terminal, cli.tsx
// clears it the same way before loading the view, so tests do as the CLI does.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
