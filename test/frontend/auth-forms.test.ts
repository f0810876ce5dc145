import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import SetupForm from '../../frontend/src/components/SetupForm.vue';
import LoginForm from '../../frontend/src/components/LoginForm.vue';
import { ApiError } from '../../frontend/src/api/client';
import { MIN_PASSWORD_LENGTH } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { fakeClient } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const good = 'x'.repeat(MIN_PASSWORD_LENGTH);

async function setupForm(setup = vi.fn(async () => {}), token = 'TOKEN-123') {
  const fake = fakeClient({
    setup,
    getSession: vi.fn(async () => ({ authenticated: false, needsSetup: true })),
  });
  const { wrapper, store } = await mountWithStore(SetupForm, { fake, props: { initialToken: token } });
  async function submit(password: string, confirm = password) {
    await wrapper.get('#setup-password').setValue(password);
    await wrapper.get('#setup-confirm').setValue(confirm);
    await wrapper.get('[data-testid="setup-form"]').trigger('submit');
    await flush();
  }
  const error = () => wrapper.find('[data-testid="form-error"]');
  return { wrapper, store, setup, submit, error, fake };
}

describe('SetupForm', () => {
  it('is pre-filled with the token from the link', async () => {
    const { wrapper } = await setupForm();
    expect((wrapper.get('#setup-token').element as HTMLInputElement).value).toBe('TOKEN-123');
    expect(wrapper.text()).toContain(`At least ${MIN_PASSWORD_LENGTH} characters`);
  });

  it('refuses a password shorter than the minimum, without calling the server', async () => {
    const { submit, error, setup } = await setupForm();
    await submit('x'.repeat(MIN_PASSWORD_LENGTH - 1));
    expect(error().text()).toBe(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
    expect(error().attributes('role')).toBe('alert');
    expect(setup).not.toHaveBeenCalled();
  });

  it('refuses two different passwords', async () => {
    const { submit, error, setup, wrapper } = await setupForm();
    await submit(good, `${good}!`);
    expect(error().text()).toBe('The two passwords do not match.');
    expect(wrapper.get('#setup-confirm').attributes('aria-invalid')).toBe('true');
    expect(setup).not.toHaveBeenCalled();
  });

  it('asks for the token when it is missing', async () => {
    const { submit, error, setup } = await setupForm(undefined, '');
    await submit(good);
    expect(error().text()).toBe('Enter the set-up token.');
    expect(setup).not.toHaveBeenCalled();
  });

  it('sends the trimmed token and the password, then rereads the session', async () => {
    const { wrapper, submit, setup, error, fake } = await setupForm();
    await wrapper.get('#setup-token').setValue('  TOKEN-456 \n');
    await submit(good);
    expect(setup).toHaveBeenCalledWith({ token: 'TOKEN-456', password: good });
    expect(fake.client.getSession).toHaveBeenCalledTimes(2);
    expect(error().exists()).toBe(false);
  });

  it('explains a rejected token and too many attempts', async () => {
    const setup = vi.fn(async () => { throw new ApiError(401, 'invalid token'); });
    const { submit, error } = await setupForm(setup);
    await submit(good);
    expect(error().text()).toBe('The set-up token was not accepted. Check it and try again.');
    setup.mockImplementation(async () => { throw new ApiError(429, 'too many'); });
    await submit(good);
    expect(error().text()).toBe('Too many attempts. Please wait a few minutes, then try again.');
  });

  it('shows its errors in Japanese too', async () => {
    setLocale('ja');
    const { submit, error } = await setupForm();
    await submit('short', 'short');
    expect(error().text()).toBe(`パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`);
  });
});

describe('LoginForm', () => {
  async function loginForm(login: () => Promise<void>) {
    const fake = fakeClient({ login, getSession: vi.fn(async () => ({ authenticated: false, needsSetup: false })) });
    const { wrapper, fake: f } = await mountWithStore(LoginForm, { fake });
    async function submit(password: string) {
      await wrapper.get('#login-password').setValue(password);
      await wrapper.get('[data-testid="login-form"]').trigger('submit');
      await flush();
    }
    return { wrapper, submit, error: () => wrapper.find('[data-testid="form-error"]'), fake: f };
  }

  it('says the password is wrong on 401 and clears the field', async () => {
    const { wrapper, submit, error } = await loginForm(async () => { throw new ApiError(401, 'wrong password'); });
    await submit('guess');
    expect(error().text()).toBe('Wrong password.');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('');
  });

  it('has a specific message for 429', async () => {
    const { submit, error } = await loginForm(async () => { throw new ApiError(429, 'too many'); });
    await submit('guess');
    expect(error().text()).toBe('Too many attempts. Please wait a few minutes, then try again.');
  });

  it('says when the appliance cannot be reached', async () => {
    const { submit, error } = await loginForm(async () => { throw new ApiError(0, 'Failed to fetch'); });
    await submit('guess');
    expect(error().text()).toContain('Cannot reach the appliance');
  });

  it('sends the password and rereads the session on success', async () => {
    const login = vi.fn(async () => {});
    const { submit, error, fake } = await loginForm(login);
    await submit('correct horse battery');
    expect(login).toHaveBeenCalledWith({ password: 'correct horse battery' });
    expect(fake.client.getSession).toHaveBeenCalledTimes(2);
    expect(error().exists()).toBe(false);
  });

  it('does not send an empty password', async () => {
    const login = vi.fn(async () => {});
    const { submit, error } = await loginForm(login);
    await submit('');
    expect(login).not.toHaveBeenCalled();
    expect(error().text()).toBe('Enter your password.');
  });
});
