package usage

import "github.com/tierplan/tierplan/planner/usage/internal/transcript"

// goodLine is a typical assistant line with usage.
const goodLine = `{"isSidechain":false,"cwd":"/w","sessionId":"s1","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":6,"cache_creation_input_tokens":2140,"cache_read_input_tokens":18452,"cache_creation":{"ephemeral_5m_input_tokens":140,"ephemeral_1h_input_tokens":2000},"output_tokens":187,"server_tool_use":{"web_search_requests":2}}},"requestId":"req_1","type":"assistant","timestamp":"2025-11-04T09:12:09.882Z"}`

const (
	readBufferSize = transcript.ReadBufferSize
	maxLineBytes   = transcript.MaxLineBytes
)

// makeResponseID is the id a line with these message and request ids gets.
func makeResponseID(msgID, reqID []byte) responseID {
	if len(msgID) == 0 {
		return responseID{}
	}
	return responseID{msg: transcript.HashID(msgID), req: transcript.HashID(reqID), hasMsg: true}
}
