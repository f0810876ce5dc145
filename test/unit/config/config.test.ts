// Appliance configuration: defaults → JSON file (MAMORI_CONFIG) → environment; every bad value is a
// ConfigError that names the field.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../../backend/src/config/config.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

let dir: string;
beforeAll(async () => { dir = await makeTempDir('mamori-config-'); });
afterAll(async () => { await removeDir(dir); });

async function configFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('defaults', () => {
  it('an empty environment gives the documented defaults', () => {
    const expected: Config = {
      dataDir: './data', host: '0.0.0.0', port: 8380, socketPath: null, publicUrl: null, allowedOrigins: [], targets: [],
      interface: null, allowPublic: false, allowLarge: false, loginChecks: false, logLevel: 'info',
      metricsPublic: false, metricsToken: null, trustProxy: null, allowedHosts: [], allowedClients: [],
    };
    expect(loadConfig({})).toEqual(expected);
  });

  it('factory-password checks are off unless the owner consents', () => {
    expect(loadConfig({}).loginChecks).toBe(false);
    expect(loadConfig({}).allowPublic).toBe(false);
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env['MAMORI_PORT'];
    process.env['MAMORI_PORT'] = '8390';
    try {
      expect(loadConfig().port).toBe(8390);
    } finally {
      if (saved === undefined) delete process.env['MAMORI_PORT']; else process.env['MAMORI_PORT'] = saved;
    }
  });
});

describe('environment overrides', () => {
  it('MAMORI_PORT, MAMORI_TARGETS, MAMORI_LOGIN_CHECKS=yes', () => {
    const config = loadConfig({ MAMORI_PORT: '9000', MAMORI_TARGETS: '192.168.1.0/24, 10.0.0.0/24,,', MAMORI_LOGIN_CHECKS: 'yes' });
    expect(config.port).toBe(9000);
    expect(config.targets).toEqual(['192.168.1.0/24', '10.0.0.0/24']);
    expect(config.loginChecks).toBe(true);
  });

  it('understands the usual spellings of yes and no', () => {
    for (const yes of ['1', 'true', 'TRUE', 'yes', 'on']) expect(loadConfig({ MAMORI_LOGIN_CHECKS: yes }).loginChecks, yes).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(loadConfig({ MAMORI_LOGIN_CHECKS: no }).loginChecks, no).toBe(false);
  });

  it('the other variables', () => {
    const config = loadConfig({
      MAMORI_DATA_DIR: '/var/lib/mamori', MAMORI_HOST: '127.0.0.1', MAMORI_SOCKET_PATH: '/run/mamori.sock',
      MAMORI_ALLOWED_ORIGINS: 'http://mamori.lan,http://192.168.1.2:8380', MAMORI_INTERFACE: 'eth0',
      MAMORI_ALLOW_PUBLIC: 'false', MAMORI_ALLOW_LARGE: 'true', MAMORI_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      dataDir: '/var/lib/mamori', host: '127.0.0.1', socketPath: '/run/mamori.sock',
      allowedOrigins: ['http://mamori.lan', 'http://192.168.1.2:8380'], interface: 'eth0',
      allowPublic: false, allowLarge: true, logLevel: 'debug',
    });
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ MAMORI_PORT: '', MAMORI_LOGIN_CHECKS: '' })).toMatchObject({ port: 8380, loginChecks: false });
  });

  it('a JSON file is read, and the environment wins over it', async () => {
    const file = await configFile('ok.json', { port: 8400, targets: ['10.1.0.0/24'], loginChecks: true, logLevel: 'warn' });
    expect(loadConfig({ MAMORI_CONFIG: file })).toMatchObject({ port: 8400, targets: ['10.1.0.0/24'], loginChecks: true, logLevel: 'warn', host: '0.0.0.0' });
    expect(loadConfig({ MAMORI_CONFIG: file, MAMORI_PORT: '8401', MAMORI_LOGIN_CHECKS: 'no' })).toMatchObject({ port: 8401, loginChecks: false, targets: ['10.1.0.0/24'] });
  });
});

describe('bad values', () => {
  it('MAMORI_PORT=abc names the port', () => {
    const error = configError({ MAMORI_PORT: 'abc' });
    expect(error.message).toMatch(/\bport\b/);
  });

  it('out-of-range and fractional ports', () => {
    for (const port of ['0', '65536', '80.5', '-1']) expect(configError({ MAMORI_PORT: port }).message, port).toMatch(/\bport\b/);
  });

  it('MAMORI_LOGIN_CHECKS=maybe names loginChecks', () => {
    expect(configError({ MAMORI_LOGIN_CHECKS: 'maybe' }).message).toMatch(/\bloginChecks\b/);
  });

  it('an unknown key in the JSON file is named', async () => {
    const file = await configFile('unknown.json', { port: 8380, colour: 'blue' });
    expect(configError({ MAMORI_CONFIG: file }).message).toMatch(/colour/);
  });

  it('a wrong type in the JSON file names the field', async () => {
    const file = await configFile('types.json', { loginChecks: 'yes', targets: '10.0.0.0/24' });
    const message = configError({ MAMORI_CONFIG: file }).message;
    expect(message).toMatch(/\bloginChecks\b/);
    expect(message).toMatch(/\btargets\b/);
  });

  it('every problem is listed at once', () => {
    const message = configError({ MAMORI_PORT: 'abc', MAMORI_LOGIN_CHECKS: 'maybe', MAMORI_LOG_LEVEL: 'loud', MAMORI_ALLOWED_ORIGINS: 'not a url' }).message;
    for (const field of ['port', 'loginChecks', 'logLevel', 'allowedOrigins']) expect(message).toContain(field);
  });

  it('a missing or unparsable file is a ConfigError naming the file', async () => {
    const missing = join(dir, 'missing.json');
    expect(configError({ MAMORI_CONFIG: missing }).message).toContain(missing);
    const broken = await configFile('broken.json', '{"port": 80,');
    expect(configError({ MAMORI_CONFIG: broken }).message).toContain(broken);
  });

  it('a file that is not a JSON object is a ConfigError, also when variables are set', async () => {
    for (const [name, content] of [['null.json', 'null'], ['array.json', '[]'], ['number.json', '42']] as const) {
      const file = await configFile(name, content);
      expect(configError({ MAMORI_CONFIG: file }).message, name).toContain(file);
      expect(configError({ MAMORI_CONFIG: file, MAMORI_PORT: '9000' }).message, name).toContain(file);
    }
  });
});
