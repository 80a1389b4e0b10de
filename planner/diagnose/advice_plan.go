package diagnose

import (
	"fmt"
	"strconv"
)

// subscriptionAdvice: when the window resets, how the other windows stand,
// and what keeps work going meanwhile.
func subscriptionAdvice(d *Diagnosis) []string {
	var a []string
	what := "your plan's limit"
	if w := bindingWindowOf(d); w != nil {
		what = "your " + w.Label
	} else if l, ok := limitLabel[d.Limit]; ok {
		what = "your " + l
	}
	if d.ResumeAt != nil {
		a = append(a, fmt.Sprintf("%s resets at %s (in %s): requests fail until then, so stop retrying", what, Clock(*d.ResumeAt), FormatSeconds(*d.WaitS)))
	} else {
		a = append(a, what+" is used up: requests fail until it resets; stop retrying (the unified headers, or /usage in Claude Code, tell when)")
	}
	if s := d.Subscription; s != nil {
		for _, w := range s.Windows {
			if w.Binding {
				continue
			}
			a = append(a, fmt.Sprintf("the %s stands at %s%s", w.Label, utilText(w), resetsIn(w)))
		}
		if o := s.Overage; o != nil {
			a = append(a, overageText(o))
		}
	}
	if d.Limit == LimitWeeklyModel {
		a = append(a, "other models have their own allowance: switch model (/model in Claude Code) to keep working")
	}
	a = append(a, "to keep working before the reset: turn on extra usage (claude.ai › Settings › Usage), move to a larger plan, or use an API key")
	return a
}

// billingAdvice: do not retry; what unblocks it.
func billingAdvice(d *Diagnosis) []string {
	if d.Limit == LimitExtraUsage {
		first := "do not retry: turn on extra usage (claude.ai › Settings › Usage, or /extra-usage in Claude Code), or add to it"
		if d.ResumeAt != nil {
			first = fmt.Sprintf("do not retry before %s (in %s), when extra usage resets; or add more at claude.ai › Settings › Usage", Clock(*d.ResumeAt), FormatSeconds(*d.WaitS))
		}
		return []string{first,
			"long-context (1M) requests are billed as extra usage on plans: switch to the standard context (/model) to run on the plan's allowance"}
	}
	a := []string{"do not retry: the account has no credit left; add credits (Anthropic: Console › Plans & Billing), then send again"}
	if d.Provider == "anthropic" || d.Provider == "" {
		a = append(a, "in Claude Code with a Claude.ai plan: an ANTHROPIC_API_KEY in the environment bills the Console account instead of the plan; unset it and /login")
	}
	return a
}

func overageText(o *Overage) string {
	switch {
	case o.DisabledReason != "":
		return "extra usage is unavailable (" + o.DisabledReason + ")"
	case o.Status == "rejected":
		return "extra usage is used up too"
	case o.InUse == "true":
		return "extra usage is being drawn"
	}
	return "extra usage: " + o.Status
}

func utilText(w Window) string {
	if w.Utilization == nil {
		return "an unknown share used"
	}
	s := percent(*w.Utilization) + " used"
	if w.rejected() {
		s += " (used up)"
	}
	return s
}

func resetsIn(w Window) string {
	if w.ResetInS == nil {
		return ""
	}
	return ", resets in " + FormatSeconds(*w.ResetInS)
}

// percent writes a utilization as a whole percentage, 1.01 as "101%".
func percent(f float64) string {
	return strconv.FormatFloat(f*100, 'f', 0, 64) + "%"
}

// FormatSeconds writes a wait for people: "27 s", "3 min 5 s", "2 h 5 min",
// "16 d 14 h".
func FormatSeconds(s int64) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s < 3600:
		if s%60 == 0 {
			return fmt.Sprintf("%d min", s/60)
		}
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%d h %d min", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%d d %d h", s/86400, s%86400/3600)
}
