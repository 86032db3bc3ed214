#!/usr/bin/env node
// The `doublehop` binary: everything happens in main(), which returns the exit code and never throws.
import { main } from '../cli/main.js';

process.exitCode = main(process.argv.slice(2), process);
