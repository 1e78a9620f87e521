package generator

// Nearest finds the allowed word a typo most likely meant, or "" when none is near enough; spec keys and values,
// commands and flags all use it, so every "did you mean" agrees on what is near.
func Nearest(key string, allowed []string) string {
	best, bestDist := "", 3
	for _, a := range allowed {
		if d := editDistance(key, a); d < bestDist && d < len(a) {
			best, bestDist = a, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance, on bytes since keys are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
