package compose

// DefaultTemplates returns the templates a new library starts with: warm,
// short enough for X once filled in, and never selling. Square-bracketed
// text ("[your answer]") is for the owner to write over, in the same style
// as a variable without a value.
func DefaultTemplates() []Template {
	return []Template{
		{
			Name: "Thank a fan",
			Body: "Thank you so much, {first_name}! Reading this made our day. " +
				"We're so glad you enjoyed {product}, and we hope to see you again soon. — {owner}",
		},
		{
			Name: "Answer a question",
			Body: "Hi {first_name}, thanks for asking! [your answer] " +
				"If anything is still unclear, just reply here and I'll help. — {owner}",
		},
		{
			Name: "Sorry, let's sort it out by email",
			Body: "I'm really sorry, {first_name}. That isn't the experience we want anyone to have with {brand}, " +
				"and I'd like to put it right. Could you email me at {owner_email} with a few details? " +
				"I'll reply myself. — {owner}",
		},
		{
			Name: "Complaint: next step in public",
			Body: "Thank you for telling us, {first_name}, and I'm sorry about {product}. " +
				"Here's what happens next: [next step]. I'll check back with you here once it's done. — {owner}",
		},
		{
			Name: "Ask for a review, after helping",
			Body: "So glad we could sort that out, {first_name}! If you have a spare minute, " +
				"a few words at {review_link} would help a small business like ours. " +
				"No pressure at all, and thank you either way. — {owner}",
		},
		{
			Name: "Welcome back",
			Body: "Welcome back, {first_name}! It's lovely to see you again. " +
				"If there's anything we can do to make this visit even better, just say. — {owner}",
		},
		{
			Name: "Thanks for recommending us",
			Body: "Thank you for recommending {brand}, {first_name}! Word of mouth means the world " +
				"to a small business like ours. We really appreciate you. — {owner}",
		},
		{
			Name:     "Follow up by email",
			Platform: PlatformEmail,
			Subject:  "Your message about {brand} on {platform}",
			Body: "Hi {first_name},\n\n" +
				"Thank you for getting in touch on {platform} ({link}). I'm {owner} and I look after " +
				"things at {brand}, so I wanted to write to you personally.\n\n" +
				"[what happened, and what you will do about it]\n\n" +
				"If anything else comes up, just reply to this email: it comes straight to me.\n\n" +
				"Best wishes,\n{owner}",
		},
	}
}
