package routing

import (
	"strings"

	"github.com/rapportapp/rapport/app/shared/workspace"
)

// Role words Suggested looks for, lowercased. A role matches a list when
// it contains any of its words.
var (
	careRoles  = []string{"support", "customer service", "customer care", "shop", "online", "e-commerce", "ecommerce", "orders", "shipping", "delivery", "fulfil"}
	venueRoles = []string{"café", "cafe", "coffee bar", "restaurant", "venue", "front of house", "barista", "store manager", "shop manager", "general manager", "site manager"}
)

// Suggested proposes first routing rules for a new workspace from the
// team's roles. The heuristic, in the order the rules are tried:
//
//   - The first member whose role speaks of a place people visit (café,
//     restaurant, venue, front of house, barista, a store, shop, general
//     or site manager, or just "manager") gets mentions about location/
//     opening hours or staff, complaints included: the person who runs
//     the place is the one who can act on them.
//   - The first member whose role speaks of customers at a distance
//     (support, customer service or care, shop, online, e-commerce,
//     orders, shipping, delivery, fulfilment) gets mentions about
//     delivery/shipping, returns/refunds or website/app, and then every
//     other complaint and churn risk.
//
// Touch point names are the defaults (analyze.DefaultConfig). Everyone
// else, the owner included, gets no rule: what no rule routes stays
// unassigned, where the owner sees it. With no such roles Suggested
// returns nil. The rules are enabled and have fixed IDs, so suggesting
// twice gives the same rules.
func Suggested(team []workspace.TeamMember) []Rule {
	var rules []Rule
	if venue, ok := firstWithRole(team, isVenueRole); ok {
		rules = append(rules, Rule{
			ID: "suggested-venue", Name: "Visits and staff",
			TouchPoints: []string{"location/opening hours", "staff"}, Owner: venue,
		})
	}
	if care, ok := firstWithRole(team, isCareRole); ok {
		rules = append(rules,
			Rule{
				ID: "suggested-orders", Name: "Orders, delivery and returns",
				TouchPoints: []string{"delivery/shipping", "returns/refunds", "website/app"}, Owner: care,
			},
			Rule{
				ID: "suggested-complaints", Name: "Complaints and churn risk",
				Intents: []string{"complaint", "churn"}, Owner: care,
			})
	}
	return rules
}

func firstWithRole(team []workspace.TeamMember, is func(role string) bool) (string, bool) {
	for _, t := range team {
		name := strings.TrimSpace(t.Name)
		if name != "" && is(strings.ToLower(strings.TrimSpace(t.Role))) {
			return name, true
		}
	}
	return "", false
}

func isVenueRole(role string) bool { return role == "manager" || containsAny(role, venueRoles) }

func isCareRole(role string) bool { return containsAny(role, careRoles) }

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
