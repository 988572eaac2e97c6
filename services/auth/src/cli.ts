#!/usr/bin/env node
import { processIo } from './cli/cli-io.js';
import { runCli } from './cli/run-cli.js';

/** The `auth-cli` bin: `auth-cli keys ...`, `auth-cli users ...`. */
process.exitCode = await runCli(process.argv.slice(2), processIo());
