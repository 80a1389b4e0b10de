package validate

// Report is the JSON report of tiers validate, for the tests that decode it.
type Report = validateReport
