import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryIo } from './command-io.js';
import { COMMAND_NAMES, main } from './main.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('switchboard (dispatch)', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
    it(`says '${name}' is an unknown command, lists the commands and exits 2`, async () => {
      const io = memoryIo();
      assert.equal(await main([name, '--help'], io), 2);
      assert.match(io.stderr, new RegExp(`unknown command '${name}'`));
      for (const command of COMMAND_NAMES)
        assert.match(io.stderr, new RegExp(`^  ${command} `, 'm'));
      assert.equal(io.stdout, '');
    });
  }

  it('prints its version for --version and -v', async () => {
    for (const flag of ['--version', '-v', 'version']) {
      const io = memoryIo();
      assert.equal(await main([flag], io), 0);
      assert.equal(io.stdout, `${pkg.version}\n`);
    }
  });

  it('prints the list of commands for -h, --help and help, and asks for one without', async () => {
    for (const args of [['-h'], ['--help'], ['help']]) {
      const io = memoryIo();
      assert.equal(await main(args, io), 0);
      assert.match(io.stdout, /^usage: switchboard <command>/);
      for (const command of ['demo', 'erlang', 'simulate', 'ivr'])
        assert.ok(COMMAND_NAMES.includes(command), command);
    }
    const none = memoryIo();
    assert.equal(await main([], none), 2);
    assert.match(none.stderr, /a command is required/);
  });

  for (const command of COMMAND_NAMES) {
    it(`prints the help of ${command} for -h, --help and help ${command}`, async () => {
      for (const args of [
        [command, '-h'],
        [command, '--help'],
        ['help', command],
      ]) {
        const io = memoryIo();
        assert.equal(await main(args, io), 0, args.join(' '));
        assert.match(io.stdout, new RegExp(`^usage: switchboard ${command}`));
        assert.match(io.stdout, /-h, --help/);
      }
    });
  }
});
