// Process entry of the appliance: config → app → listen; SIGTERM/SIGINT stop it cleanly.
import { startAppliance } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  // Files the appliance creates hold secrets: private whatever umask started it (a container sets none).
  process.umask(0o077);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mamori: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const appliance = await startAppliance(config);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    appliance.log.info(`${signal} received, stopping`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    appliance.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`mamori: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
