// A real client for the proxy tests: the official TypeScript SDK, run with
// node. It reads the proxy's URL and a token from the environment, makes a
// plain and a streaming Messages call, counts tokens and lists models, and
// prints what it got as one JSON object.
const sdk = require("@anthropic-ai/sdk");
const Anthropic = sdk.Anthropic || sdk.default || sdk;

async function main() {
  const base = process.env.PROXY_URL;
  const out = {};
  // ANTHROPIC_AUTH_TOKEN is sent as "Authorization: Bearer".
  const bearer = new Anthropic({ baseURL: base, apiKey: null, authToken: process.env.PROXY_TOKEN, maxRetries: 0 });
  const plain = await bearer.messages.create({
    model: "claude-sonnet-4-5", max_tokens: 64, messages: [{ role: "user", content: "say hello" }],
  });
  out.plain = { text: plain.content[0].text, usage: plain.usage };
  const stream = bearer.messages.stream({
    model: "claude-sonnet-4-5", max_tokens: 64, messages: [{ role: "user", content: "say hello" }],
  });
  let text = "";
  stream.on("text", (t) => { text += t; });
  const final = await stream.finalMessage();
  out.stream = { text, usage: final.usage };
  const count = await bearer.messages.countTokens({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "say hello" }] });
  out.count = count.input_tokens;
  const models = [];
  for await (const m of bearer.models.list()) models.push(m.id);
  out.models = models;
  // ANTHROPIC_API_KEY is sent as "x-api-key".
  const keyed = new Anthropic({ baseURL: base, apiKey: process.env.PROXY_TOKEN, maxRetries: 0 });
  const k = await keyed.messages.create({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] });
  out.keyed = k.content[0].text;
  // A wrong token: the SDK's own error for a 401.
  const bad = new Anthropic({ baseURL: base, apiKey: "tpk_wrong", maxRetries: 2 });
  try {
    await bad.messages.create({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content: "hi" }] });
  } catch (e) {
    out.unauthorized = { status: e.status, type: e.error && e.error.error && e.error.error.type, name: e.constructor.name };
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
