package store

// recordColumns are the columns of proxy_records, in the order inserts and
// scans use them.
const recordColumns = `id, at_ms, user_name, user_group, session_id, method, path, model, stream, status, outcome,
 input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, cost_micros,
 rate_limit, retry_after, should_retry, error_type, request_id, queued_ms, first_byte_ms, latency_ms, instance`

// schemaSQL creates the tables; bigint and text mean the same in both
// databases, and the stream flag is an integer 0/1 in both.
var schemaSQL = []string{
	`CREATE TABLE IF NOT EXISTS proxy_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS proxy_records (
  id TEXT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  user_group TEXT NOT NULL,
  session_id TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  model TEXT NOT NULL,
  stream INTEGER NOT NULL,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cache_write_5m_tokens BIGINT NOT NULL,
  cache_write_1h_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cost_micros BIGINT NOT NULL,
  rate_limit TEXT NOT NULL,
  retry_after TEXT NOT NULL,
  should_retry TEXT NOT NULL,
  error_type TEXT NOT NULL,
  request_id TEXT NOT NULL,
  queued_ms BIGINT NOT NULL,
  first_byte_ms BIGINT NOT NULL,
  latency_ms BIGINT NOT NULL,
  instance TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS proxy_records_at ON proxy_records (at_ms)`,
	`CREATE INDEX IF NOT EXISTS proxy_records_user_at ON proxy_records (user_name, at_ms)`,
}

// bucketSchemaSQL is PostgreSQL's shared pacing state: one row per pool and
// bucket, as limiter.BucketState.
var bucketSchemaSQL = `CREATE TABLE IF NOT EXISTS proxy_buckets (
  pool TEXT NOT NULL,
  bucket TEXT NOT NULL,
  per_minute BIGINT NOT NULL,
  window_ms BIGINT NOT NULL,
  level BIGINT NOT NULL,
  last_ms BIGINT NOT NULL,
  PRIMARY KEY (pool, bucket))`
