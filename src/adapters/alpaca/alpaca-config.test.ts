import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alpacaConfigFromEnv } from './alpaca-config.js';

test('configuration from the SDK environment variables, production URLs by default', () => {
  const config = alpacaConfigFromEnv({
    APCA_API_KEY_ID: 'k',
    APCA_API_SECRET_KEY: 's',
    APCA_DATA_FEED: 'sip',
  });
  assert.equal(config.streamUrl, 'wss://stream.data.alpaca.markets/v2/sip');
  assert.equal(config.dataUrl, 'https://data.alpaca.markets');
  const local = alpacaConfigFromEnv({
    APCA_API_KEY_ID: 'k',
    APCA_API_SECRET_KEY: 's',
    APCA_API_STREAM_URL: 'ws://127.0.0.1:9/v2/iex',
    APCA_API_DATA_URL: 'http://127.0.0.1:9/',
  });
  assert.equal(local.streamUrl, 'ws://127.0.0.1:9/v2/iex');
  assert.equal(local.dataUrl, 'http://127.0.0.1:9');
});

test('missing keys or a bad feed are clear errors', () => {
  assert.throws(() => alpacaConfigFromEnv({}), /APCA_API_KEY_ID and APCA_API_SECRET_KEY/);
  assert.throws(
    () => alpacaConfigFromEnv({ APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's', APCA_DATA_FEED: 'otc' }),
    /"iex" or "sip"/,
  );
});
