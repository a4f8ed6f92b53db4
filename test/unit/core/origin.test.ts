import * as assert from 'node:assert/strict';
import { hostOf, isLoopbackOrigin, originOf } from '../../../src/core/origin';

describe('origins: where a request goes', () => {
  it('originOf gives scheme, lowercase host and a port other than the default, for http and https', () => {
    assert.equal(originOf('https://API.OpenAI.com/v1/chat/completions?x=1'), 'https://api.openai.com');
    assert.equal(originOf('https://api.example.com:443/v1'), 'https://api.example.com');
    assert.equal(originOf('http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080');
    assert.equal(originOf('http://user:pw@localhost:11434/api'), 'http://localhost:11434');
  });

  it('originOf has no origin for another scheme or for text that is not a URL', () => {
    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'data:text/plain,hi',
      'example.com',
      '',
      'http//x',
    ]) {
      assert.equal(originOf(url), undefined, url);
    }
  });

  it('hostOf shows the host with its port, or the text itself when it is not a URL', () => {
    assert.equal(hostOf('https://api.openai.com'), 'api.openai.com');
    assert.equal(hostOf('http://127.0.0.1:8080'), '127.0.0.1:8080');
    assert.equal(hostOf('not an origin'), 'not an origin');
  });

  it('isLoopbackOrigin is true for localhost, any 127.x.y.z and [::1]', () => {
    for (const origin of [
      'http://localhost:8080',
      'https://LOCALHOST',
      'http://127.0.0.1:11434',
      'http://127.255.10.200',
      'http://[::1]:9090',
    ]) {
      assert.equal(isLoopbackOrigin(origin), true, origin);
    }
  });

  it('isLoopbackOrigin is false for any other host, one that only contains a loopback name, and bad text', () => {
    for (const origin of [
      'https://api.openai.com',
      'http://10.0.0.1',
      'http://128.0.0.1',
      'http://localhost.example.com',
      'http://mylocalhost',
      'http://127.0.0.1.nip.io',
      'http://x127.0.0.1.example',
      'http://[::2]',
      'not a url',
    ]) {
      assert.equal(isLoopbackOrigin(origin), false, origin);
    }
  });
});
