import { afterAll, describe, expect, it } from 'vitest';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { createKeytarSecretStore } from '../../../src-main/core/security/keytar-secret-store.js';
import { createTestCore, tempDir } from '../../helpers/test-core.js';
import { realKeychain } from '../../helpers/keychain.js';

const keychain = await realKeychain();
const available = 'store' in keychain;
if (!available) console.warn(`[skip] keytar tests: ${keychain.unavailable}`);

describe.skipIf(!available)('keytar secret store against a real Secret Service', () => {
  const store = available ? keychain.store : createKeytarSecretStore();
  const accounts: string[] = [];
  afterAll(async () => {
    for (const account of accounts) await store.delete(account);
  });

  it('stores, reads back and deletes a secret', async () => {
    accounts.push('integration.test');
    expect(await store.status()).toEqual({ backend: 'keytar', available: true, message: null });
    await store.set('integration.test', 'hunter2-but-longer');
    expect(await store.get('integration.test')).toBe('hunter2-but-longer');
    expect(await store.delete('integration.test')).toBe(true);
    expect(await store.get('integration.test')).toBeNull();
  });

  it('keeps the database key in the keychain and refuses to open without it', async () => {
    const dataDir = tempDir();
    accounts.push(databaseKeyAccount('default'));
    const first = await createTestCore({ dataDir, secrets: store });
    await first.core.request('chat.send', { text: 'stored under a keychain key' });
    await first.core.close();
    expect(await store.get(databaseKeyAccount('default'))).toMatch(/^[0-9a-f]{64}$/);

    const second = await createTestCore({ dataDir, secrets: store });
    expect(await second.core.request('conversations.list', {})).toHaveLength(1);
    await second.core.close();

    await store.delete(databaseKeyAccount('default'));
    await expect(createTestCore({ dataDir, secrets: store })).rejects.toMatchObject({ code: 'cannot_unlock' });
    expect(await store.get(databaseKeyAccount('default'))).toBeNull();
  });
});

describe('keytar secret store without a Secret Service', () => {
  it('refuses to store secrets and says how to fix it (no plaintext fallback)', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      import { createKeytarSecretStore } from './src-main/core/security/keytar-secret-store.ts';
      const store = createKeytarSecretStore('Steward-nobus');
      const status = await store.status();
      let setError = null;
      try { await store.set('a', 'secret-value-123'); } catch (e) { setError = { code: e.code, message: e.userMessage }; }
      console.log(JSON.stringify({ status, setError }));`;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
    const out = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}');
    expect(out.status.available).toBe(false);
    expect(out.status.message).toMatch(/keychain is not available.*Secret Service/s);
    expect(out.setError).toMatchObject({ code: 'keychain_unavailable' });
    expect(JSON.stringify(out)).not.toContain('secret-value-123');
  });
});
