// Password change, the second factor (enrol with a QR code, confirm, sign in with a code), and
// backup/restore with a confirmation — each component with a fake client.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import PasswordSection from '../../frontend/src/components/settings/PasswordSection.vue';
import SecondFactorSection from '../../frontend/src/components/settings/SecondFactorSection.vue';
import BackupSection from '../../frontend/src/components/settings/BackupSection.vue';
import LoginForm from '../../frontend/src/components/LoginForm.vue';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { fakeClient } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);

function appliance(overrides: Partial<ApplianceApi>): ApplianceApi {
  return { ...createApplianceApi(async () => { throw new Error('no network in this test'); }), ...overrides };
}

describe('password change', () => {
  async function mountPassword(changePassword: ApplianceApi['changePassword'], extra: Partial<ApplianceApi> = {}) {
    const { wrapper } = await mountWithStore(PasswordSection, { fake: fakeClient({ appliance: appliance({ changePassword, ...extra }) }) });
    await flush();
    return {
      wrapper,
      async submit(current: string, next: string, confirm = next) {
        await wrapper.get('#password-current').setValue(current);
        await wrapper.get('#password-next').setValue(next);
        await wrapper.get('#password-confirm').setValue(confirm);
        await wrapper.get('[data-testid="password-form"]').trigger('submit');
        await flush();
      },
    };
  }

  it('sends current and new password and says other browsers were signed out', async () => {
    const change = vi.fn(async () => {});
    const { wrapper, submit } = await mountPassword(change);
    await submit('old password here', 'a brand new passphrase');
    expect(change).toHaveBeenCalledWith({ current: 'old password here', next: 'a brand new passphrase' });
    expect(wrapper.get('[data-testid="password-changed"]').text()).toContain('signed out');
    expect((wrapper.get('#password-next').element as HTMLInputElement).value).toBe('');
  });

  it('checks length and the repeat before sending; names a wrong current password', async () => {
    const change = vi.fn(async () => { throw new ApiError(403, 'the current password is wrong'); });
    const { wrapper, submit } = await mountPassword(change);
    await submit('old password here', 'short');
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('at least 10');
    await submit('old password here', 'a brand new passphrase', 'a brand new passphrasE');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The two passwords do not match.');
    expect(change).not.toHaveBeenCalled();
    await submit('wrong password', 'a brand new passphrase');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The current password is wrong.');
    expect(wrapper.find('[data-testid="password-changed"]').exists()).toBe(false);
  });
});

describe('password change with the second factor on', () => {
  it('asks for a code, sends it, and names password or code when refused', async () => {
    const change = vi.fn(async () => { throw new ApiError(403, 'a current code from the authenticator app is needed'); });
    const { wrapper } = await mountWithStore(PasswordSection, {
      fake: fakeClient({ appliance: appliance({ changePassword: change, totpStatus: async () => ({ enabled: true }) }) }),
    });
    await flush();
    await wrapper.get('#password-current').setValue('old password here');
    await wrapper.get('#password-next').setValue('a brand new passphrase');
    await wrapper.get('#password-confirm').setValue('a brand new passphrase');
    await wrapper.get('[data-testid="password-code"]').setValue(' 123456 ');
    await wrapper.get('[data-testid="password-form"]').trigger('submit');
    await flush();
    expect(change).toHaveBeenCalledWith({ current: 'old password here', next: 'a brand new passphrase', code: '123456' });
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The current password or the code is wrong.');
    expect((wrapper.get('[data-testid="password-code"]').element as HTMLInputElement).value).toBe('');
  });

  it('shows no code field while the second factor is off', async () => {
    const { wrapper } = await mountWithStore(PasswordSection, {
      fake: fakeClient({ appliance: appliance({ totpStatus: async () => ({ enabled: false }) }) }),
    });
    await flush();
    expect(wrapper.find('[data-testid="password-code"]').exists()).toBe(false);
  });
});

describe('second factor', () => {
  it('enrols: QR code and the key as text, then a code turns it on', async () => {
    const confirm = vi.fn(async () => {});
    const api = appliance({
      totpStatus: async () => ({ enabled: false }),
      totpEnrol: async () => ({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Mamori:owner?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Mamori' }),
      totpConfirm: confirm,
    });
    const { wrapper } = await mountWithStore(SecondFactorSection, { fake: fakeClient({ appliance: api }) });
    await flush();
    expect(wrapper.get('[data-testid="totp-status"]').text()).toBe('Off');
    // A session alone does not turn it on: the password is asked first.
    await wrapper.get('[data-testid="totp-start"]').trigger('click');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Enter your password first.');
    await wrapper.get('[data-testid="totp-password"]').setValue('the owner password');
    await wrapper.get('[data-testid="totp-start"]').trigger('click');
    await flush();
    expect(wrapper.get('[data-testid="totp-secret"]').text()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="totp-qr"] path').exists()).toBe(true));
    const qr = wrapper.get('[data-testid="totp-qr"]');
    expect(qr.attributes('role')).toBe('img');
    expect(qr.get('path').attributes('d')!.length).toBeGreaterThan(500);
    await wrapper.get('[data-testid="totp-code"]').setValue('12 34');
    await wrapper.get('.totp-enrol').trigger('submit');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Enter the 6 digits shown by the app.');
    await wrapper.get('[data-testid="totp-code"]').setValue('123 456');
    await wrapper.get('.totp-enrol').trigger('submit');
    await flush();
    expect(confirm).toHaveBeenCalledWith('the owner password', '123456');
    expect(wrapper.get('[data-testid="totp-status"]').text()).toBe('On');
  });

  it('sign-in asks for the code when the appliance says a second factor is on', async () => {
    const login = vi.fn(async (request: { password: string; code?: string }) => {
      if (request.code === undefined) throw new ApiError(401, 'enter the 6-digit code', true);
      if (request.code !== '654321') throw new ApiError(401, 'wrong password');
    });
    const fake = fakeClient({ login, getSession: vi.fn(async () => ({ authenticated: false, needsSetup: false })) });
    const { wrapper } = await mountWithStore(LoginForm, { fake });
    await wrapper.get('#login-password').setValue('correct horse battery');
    await wrapper.get('[data-testid="login-form"]').trigger('submit');
    await flush();
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Enter the 6-digit code from your authenticator app.');
    await wrapper.get('[data-testid="login-code"]').setValue('111111');
    await wrapper.get('[data-testid="login-form"]').trigger('submit');
    await flush();
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Wrong password or code.');
    await wrapper.get('#login-password').setValue('correct horse battery');
    await wrapper.get('[data-testid="login-code"]').setValue('654321');
    await wrapper.get('[data-testid="login-form"]').trigger('submit');
    await flush();
    expect(login).toHaveBeenLastCalledWith({ password: 'correct horse battery', code: '654321' });
    expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(false);
  });
});

describe('backup and restore', () => {
  it('asks for the password and a passphrase for the backup, and restores only after a confirmation', async () => {
    const restore = vi.fn(async () => ({ files: ['state.json', 'auth.json'], restartRequired: true }));
    const backup = vi.fn(async () => new Blob(['MAMORI-BACKUP\n']));
    URL.createObjectURL ??= () => 'blob:backup';
    URL.revokeObjectURL ??= () => undefined;
    const { wrapper } = await mountWithStore(BackupSection, { fake: fakeClient({ appliance: appliance({ restore, backup }) }) });
    await wrapper.get('[data-testid="backup-download"]').trigger('click');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Enter your password and the backup passphrase.');
    await wrapper.get('[data-testid="backup-password"]').setValue('the owner password');
    await wrapper.get('[data-testid="backup-passphrase"]').setValue('short');
    await wrapper.get('[data-testid="backup-download"]').trigger('click');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The passphrase needs at least 10 characters.');
    await wrapper.get('[data-testid="backup-passphrase"]').setValue('a long backup passphrase');
    await wrapper.get('[data-testid="backup-passphrase-again"]').setValue('a long backup passphrase');
    await wrapper.get('[data-testid="backup-download"]').trigger('click');
    await flush();
    expect(backup).toHaveBeenCalledWith({ password: 'the owner password', passphrase: 'a long backup passphrase' });
    expect(wrapper.find('[data-testid="backup-done"]').exists()).toBe(true);

    const input = wrapper.get('[data-testid="restore-file"]');
    const file = new File([new Uint8Array([0x1f, 0x8b, 1, 2])], 'mamori-backup.tar.gz', { type: 'application/gzip' });
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await wrapper.get('[data-testid="restore-start"]').trigger('click');
    expect(restore).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('mamori-backup.tar.gz');
    await wrapper.get('[data-testid="restore-confirm"]').trigger('click');
    await flush();
    expect(restore).toHaveBeenCalledWith(file, { password: 'the owner password', passphrase: 'a long backup passphrase' });
    expect(wrapper.get('[data-testid="restore-done"]').text()).toContain('2 files');
  });

  it('shows why a backup was refused', async () => {
    const restore = vi.fn(async () => { throw new ApiError(400, 'backup refused: not a Mamori backup'); });
    const { wrapper } = await mountWithStore(BackupSection, { fake: fakeClient({ appliance: appliance({ restore }) }) });
    await wrapper.get('[data-testid="backup-password"]').setValue('the owner password');
    await wrapper.get('[data-testid="backup-passphrase"]').setValue('a long backup passphrase');
    const input = wrapper.get('[data-testid="restore-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'other.tar.gz')] });
    await input.trigger('change');
    await wrapper.get('[data-testid="restore-start"]').trigger('click');
    await wrapper.get('[data-testid="restore-confirm"]').trigger('click');
    await flush();
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('not a Mamori backup');
  });
});
