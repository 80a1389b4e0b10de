// One Messages API call through the official TypeScript SDK, for tierplan's
// end-to-end tests and retry measurements. It prints one JSON line: the
// answer's text and usage, or the error the SDK gave up with.
//
// Environment:
//   TIERPLAN_SDK_DIR    directory whose node_modules holds @anthropic-ai/sdk
//   ANTHROPIC_BASE_URL  the fake API (127.0.0.1 only)
//   ANTHROPIC_API_KEY   any test key
//   SDK_STREAM          "1" to stream the answer
//   SDK_MAX_RETRIES     the client's maxRetries (default: the SDK's own)
'use strict';

const sdkPath = require.resolve('@anthropic-ai/sdk', { paths: [process.env.TIERPLAN_SDK_DIR || process.cwd()] });
const sdk = require(sdkPath);
const Anthropic = sdk.Anthropic || sdk.default;

async function main() {
  const options = { apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL };
  if (process.env.SDK_MAX_RETRIES) {
    options.maxRetries = Number(process.env.SDK_MAX_RETRIES);
  }
  const client = new Anthropic(options);
  const params = {
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'say hello' }],
  };
  let message;
  if (process.env.SDK_STREAM === '1') {
    message = await client.messages.stream(params).finalMessage();
  } else {
    message = await client.messages.create(params);
  }
  const text = message.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
  console.log(JSON.stringify({ ok: true, id: message.id, model: message.model, text, usage: message.usage }));
}

main().catch((err) => {
  const out = { ok: false, name: err && err.name, status: err && err.status };
  if (err && err.error && err.error.error) {
    out.error_type = err.error.error.type;
  }
  console.log(JSON.stringify(out));
  process.exitCode = 1;
});
