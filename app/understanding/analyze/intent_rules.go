package analyze

// Intent names, as reported in Label.Name.
const (
	Complaint = "complaint"
	Question  = "question"
	Praise    = "praise"
	Purchase  = "purchase"
	Referral  = "referral"
	Churn     = "churn"
	Know      = "know"
	Go        = "go"
	Do        = "do"
	Buy       = "buy"
)

// Intents lists every intent name in report order.
func Intents() []string {
	return []string{Complaint, Question, Praise, Purchase, Referral, Churn, Know, Go, Do, Buy}
}

// Rule flags.
const (
	fNoNeg  = 1 << iota // a negation before the phrase does not cancel it
	fAsk                // counts only in a question sentence
	fNotAsk             // does not count in a question sentence
	fBuy                // also the "buy" micro-moment
	fFirst              // the phrase must open its sentence
	fClause             // the phrase must open its clause
	fAngry              // also a complaint (churn said in anger)
)

// ruleSpec is one cue phrase for an intent.
type ruleSpec struct {
	intent string
	pat    string
	note   string
	flags  int
	negTo  string // intent to report when negated ("would never recommend" → complaint)
	unless string // words that, anywhere in the sentence, cancel the rule ("refund" for "can I get")
}

// intentRules are the cue phrases. Order matters only for which cue is shown
// when several fire; the first that fires for an intent is reported.
var intentRules = []ruleSpec{
	// churn: leaving, cancelling, switching
	{Churn, "cancel|cancelling|canceling|cancelled|canceled ... subscription|sub|membership|account|order|club", "cancels", fNoNeg, "", ""},
	{Churn, "cancelling|canceling|cancelled|canceled", "cancels", fNoNeg, "", ""},
	{Churn, "unsubscrib*", "unsubscribes", fNoNeg, "", ""},
	{Churn, "delete*|close|closing ... account|app", "closes the account", fNoNeg, "", ""},
	{Churn, "switch*|switching|moving|move ... to|over_to", "switches to another", fNoNeg, "", ""},
	{Churn, "going|gone|go|went|going_straight back_to|over_to ... @rival|supermarket|tea|instant", "goes back to another", fNoNeg, "", ""},
	{Churn, "try|trying @rival", "tries a rival", fNoNeg, "", ""},
	{Churn, "hello|hi @rival", "greets a rival", fNoNeg, "", ""},
	{Churn, "found|finding|find ... new|cheaper|better|another ... roaster|café|cafe|option|place|shop|supplier", "found another", fNoNeg, "", ""},
	{Churn, "never_again", "never again", fNoNeg | fAngry, "", ""},
	{Churn, "never ... going|coming|ordering|buying|shopping|stepping|setting|visiting|returning|order|buy|go", "never again", fNoNeg | fAngry, "", ""},
	{Churn, "won't|wont|will_not|not ... be ... back|returning|ordering|coming|visiting", "won't be back", fNoNeg | fAngry, "", ""},
	{Churn, "not|never ... coming|going ... back", "not coming back", fNoNeg | fAngry, "", ""},
	{Churn, "last ... time|order ... i|from", "last time", fNoNeg | fAngry, "", ""},
	{Churn, "this_was_my_last|my_last_order", "last order", fNoNeg | fAngry, "", ""},
	{Churn, "done_with|that's_me_done|i'm_done|im_done|that's_it", "done with us", fNoNeg | fAngry, "", ""},
	{Churn, "lost_a|lost_a_loyal|you've_lost_a ... customer", "lost a customer", fNoNeg | fAngry, "", ""},
	{Churn, "taking_my_business_elsewhere|take_my_business_elsewhere", "taking business elsewhere", fNoNeg | fAngry, "", ""},
	{Churn, "bye|goodbye|bye_bye @brand", "says goodbye", fNoNeg, "", ""},
	{Churn, "not_any_more|not_anymore|no_longer", "no longer", fNoNeg | fAngry, "", ""},
	{Churn, "from_now_on", "from now on", fNoNeg | fNotAsk, "", ""},
	{Churn, "can't|cannot|cant justify", "can't justify it", fNoNeg | fAngry, "", ""},
	{Churn, "paused ... for_good", "stops for good", fNoNeg, "", ""},

	// referral: recommending us to others
	{Referral, "can't|cant|cannot recommend ... enough", "can't recommend enough", fNoNeg, "", ""},
	{Referral, "recommend|recommending|recommended|recommends", "recommends", fNotAsk, Complaint, ""},
	{Referral, "you|u ... have|need|gotta|must|should ... to ... try|visit|go|check", "tells others to try", 0, "", ""},
	{Referral, "you|u have|need|gotta|must|should try|visit|go", "tells others to try", 0, "", ""},
	{Referral, "you'll|you_will love", "says others will love it", 0, "", ""},
	{Referral, "go|everyone check|follow|visit ... out|@brand", "sends people to us", fClause, "", ""},
	{Referral, "check_out|go_check_out @brand", "sends people to us", 0, "", ""},
	{Referral, "follow|visit|try @brand", "sends people to us", fClause | fNotAsk, "", ""},
	{Referral, "do_yourself_a_favour|do_yourself_a_favor|run_don't_walk|trust_me", "urges others", 0, "", ""},
	{Referral, "a_must_visit|must_visit|must-visit|must_try|must-try|worth_the_trip|worth_a_visit", "a must", 0, "", ""},
	{Referral, "hidden_gem", "hidden gem", 0, "", ""},
	{Referral, "tell|told|telling ... friends|everyone|mum|mom|family|everybody|colleagues", "tells others", 0, Complaint, ""},
	{Referral, "spread_the_word", "spreads the word", 0, "", ""},
	{Referral, "if_you're|if_youre|if_you_are ... in|near|around|visiting", "advises visitors", 0, "", ""},
	{Referral, "anyone|everyone visiting|in", "advises visitors", fClause | fNotAsk, "", ""},
	{Referral, "everyone|everybody should", "everyone should", 0, "", ""},
	{Referral, "sent|send my|her|him|them ... to @brand", "sends people to us", 0, "", ""},
	{Referral, "put @brand on_your_list", "sends people to us", 0, "", ""},
	{Referral, "bringing|brought everyone", "brings others", 0, "", ""},

	// purchase: wanting or planning to buy from us
	{Purchase, "take_my_money", "take my money", fNoNeg | fBuy, "", ""},
	{Purchase, "add|adding|added ... to ... cart|basket", "adds to the basket", fBuy, "", ""},
	{Purchase, "checking_out_now|ordering_now", "orders now", fBuy, "", ""},
	{Purchase, "ordering|buying|grabbing|getting ... now|right_now", "orders now", fBuy, "", ""},
	{Purchase, "ordering|buying", "orders now", fBuy | fFirst | fNotAsk, "", ""},
	{Purchase, "cheaper|cheapest|price|prices|pricing|cost", "asks the price", fBuy | fAsk, "", "why"},
	{Purchase, "where can|do i|we buy|get|order|find", "asks where to buy", fBuy, "", ""},
	{Purchase, "do|does you|u|they sell|ship|deliver|stock|offer", "asks what we sell", fBuy | fAsk, "", ""},
	{Purchase, "how_much is|are|for|does|do|would", "asks the price", fBuy | fAsk, "", ""},
	{Purchase, "in_stock|back_in_stock|sold_out|available_to_order", "asks about stock", fBuy | fAsk, "", ""},
	{Purchase, "discount|promo|coupon|voucher|code", "asks for a deal", fBuy | fAsk, "", ""},
	{Purchase, "can|could i|we order|get|buy|preorder|pre-order|book", "asks to order", fBuy | fAsk, "", "refund|refunds|help|reply|response|table"},
	{Purchase, "gift_card|gift_cards|gift_voucher", "asks about gift cards", fBuy | fAsk, "", ""},
	{Purchase, "want|wanna|need|needs ... that|those|these|this|more|some_of|one_of|another", "wants it", fNotAsk, "", ""},
	{Purchase, "need|needs|want to_get|to_order|to_buy|to_grab", "wants to buy", 0, "", ""},
	{Purchase, "going_to|gonna|will|i'll|ill|planning_to|about_to|thinking_of|thinking_about|might|definitely ... order|ordering|buy|buying|get|getting|grab|grabbing|preorder|pre-order", "plans to buy", 0, "", ""},
	{Purchase, "ordering|buying|grabbing another|a|some|more|two|the", "plans to buy", fNotAsk, "", ""},
	{Purchase, "on|to my ... list", "on the wish list", 0, "", ""},
	{Purchase, "preorder|pre-order", "pre-orders", 0, "", ""},
	{Purchase, "can't|cant|cannot wait to ... try|order|get|buy", "can't wait to buy", fNoNeg, "", ""},

	// buy: shopping for something, from us or anyone
	{Buy, "looking_for|need|want a|an ... good|decent|new|cheap ... grinder|machine|subscription|roaster|kettle|cafetière|cafetiere|moka|beans|scale", "shops for one", 0, "", ""},
	{Buy, "what's|what_is|whats a ... good|best ... for", "asks what to buy", fAsk, "", ""},
	{Buy, "what|which ... should i ... buy|get|order", "asks what to buy", 0, "", ""},
	{Buy, "which|what ... beans|bag|blend|grinder|machine|one ... should|best|for", "asks what to buy", fAsk, "", ""},
	{Buy, "recommend|suggest ... roaster|grinder|machine|subscription|beans|brand", "asks what to buy", fAsk, "", ""},
	{Buy, "best|good ... cafetière|cafetiere|grinder|machine|kettle|beans ... for", "asks what to buy", fAsk, "", ""},
	{Buy, "any|some suggestions|recommendations", "asks what to buy", fAsk, "", ""},
	{Buy, "about_to order|buy", "about to buy", 0, "", ""},
	{Purchase, "do|does you|u have ... in|any", "asks what we have", fAsk | fBuy, "", ""},

	// go: wants to visit a place
	{Go, "what time|when ... open|close|opens|closes", "asks opening hours", 0, "", ""},
	{Go, "opening_hours|opening_times|open_on|open_late|open_today|open_till|open_until|open_past|open_this|close_today", "asks opening hours", fAsk, "", ""},
	{Go, "are|is you|it|the|they open", "asks if open", fAsk, "", ""},
	{Go, "where ... are_you|is_the|is_your ... located|shop|café|cafe|store|roastery", "asks where we are", 0, "", ""},
	{Go, "where are you", "asks where we are", fAsk, "", ""},
	{Go, "directions|which_bus|parking|park_near|to_park|dogs_allowed|dog_friendly|wifi|plug_sockets|plugs", "checks the place", fAsk, "", ""},
	{Go, "near_me|nearby|near_the|near", "looks nearby", fAsk, "", ""},
	{Go, "coffee|café|cafe|cafés|cafes|brunch near|in|around", "looks for a place", fAsk, "", ""},
	{Go, "book|booked|booking a_table|for_brunch|for_two", "books a table", 0, "", ""},
	{Go, "need to book|walk_in", "books a table", fAsk, "", ""},
	{Go, "busy on|at", "asks how busy", fAsk, "", ""},
	{Go, "on_my_way_to|heading_to|head_to|headed_to", "heads over", fNotAsk, Churn, ""},
	{Go, "stopping|stop|popping|pop|swinging|swing|dropping ... by|in|into", "drops in", 0, Churn, ""},
	{Go, "{i}|to|gonna ... visit|visiting", "plans a visit", fNotAsk, Churn, ""},
	{Go, "meeting ... at @brand", "meets here", 0, "", ""},
	{Go, "meeting|taking ... at|to @brand", "meets here", 0, "", ""},
	{Go, "check_out the_new ... shop|café|cafe|roastery|store|place", "plans a visit", 0, "", ""},
	{Go, "we_should_go|let's_go|lets_go|coffee_crawl", "plans a visit", 0, "", ""},
	{Go, "first on_the_list", "plans a visit", 0, "", ""},
	{Go, "recommend ... near|in", "looks for a place", fAsk, "", ""},
	{Go, "any good cafés|cafes|cafe|café|coffee_shops", "looks for a place", 0, "", ""},
	{Go, "on_the_way_to|on_my_way_home", "drops in", fNotAsk, "", ""},

	// do: wants to do something (brew, clean, learn)
	{Do, "how do|can|should|would i|you|we|one ... clean|descale|make|brew|dial|froth|steam|store|grind|use|set|stop|pull|roast|steep|get_the", "asks how to", 0, "", ""},
	{Do, "how_to|how_fine|how_coarse|how_long_should|how_often_should|how_much_coffee", "asks how to", 0, "", ""},
	{Do, "what ratio|grind|temperature|temp|water_temperature", "asks how to brew", 0, "", ""},
	{Do, "best_way_to", "asks how to", 0, "", ""},
	{Do, "tips|tip|recipe|guide|tutorial|instructions|ratio|grind_size|water_temperature", "asks how to", fAsk, "", ""},
	{Do, "workshop|workshops|class|classes|course|courses|training|cupping|lesson|lessons", "wants to learn", 0, "", ""},
	{Do, "learn to|how", "wants to learn", 0, "", ""},
	{Do, "trying|try|attempt|attempting|practising|practicing ... to_make|making|nail|brew|my_first|latte_art|first", "tries it", 0, "", ""},
	{Do, "wish_me_luck", "tries it", 0, "", ""},
	{Do, "explain how", "asks how to", 0, "", ""},
	{Do, "need|needs help setting|setting_up|with", "needs help doing", 0, "", ""},
	{Do, "at_home", "does it at home", 0, "", ""},

	// know: wants information
	{Know, "wondered|wondering|curious|interesting", "wants to know", 0, "", ""},
	{Know, "want|love|like ... to_know|to_learn_about", "wants to know", 0, "", ""},
	{Know, "reading ... about|up_on", "reads up", 0, "", ""},
	{Know, "difference|differences between", "asks the difference", 0, "", ""},
	{Know, "anyone|does_anyone know", "asks if anyone knows", 0, "", ""},
	{Know, "where ... come_from|source|sourced", "asks the origin", 0, "", ""},
	{Know, "what's|what_is|whats|what_does ... mean", "asks what it means", 0, "", ""},
	{Know, "tasting_notes|caffeine|ingredients|allergens|vegan|gluten|dairy|fair_trade|organic|processed|roasted|owned", "asks about the product", fAsk, "", ""},
	{Know, "story_behind|tell_me_more", "asks about us", 0, "", ""},

	// complaint phrases (sentiment catches most complaints; these catch the
	// ones told as plain facts)
	{Complaint, "still waiting|nothing|no|not|hasn't|hasnt|haven't|havent", "still waiting", fNoNeg, "", ""},
	{Complaint, "never arrived|came|received|turned_up", "never arrived", fNoNeg, "", ""},
	{Complaint, "hasn't|hasnt|has_not|didn't|didnt|did_not|not|haven't arrived|come|turned_up|replied|heard", "not arrived", fNoNeg, "", ""},
	{Complaint, "no response|reply|answer|apology|apologies|refund|refunds|aroma|one_can|way_to", "no answer", fNoNeg, "", ""},
	{Complaint, "nobody|no_one ... replied|answers|answer|responds|responded|works", "no answer", fNoNeg, "", ""},
	{Complaint, "wrong order|size|milk|item", "wrong order", fNoNeg, "", ""},
	{Complaint, "charged_twice|double_charged|overcharged|short-changed|shortchanged", "charged wrongly", fNoNeg, "", ""},
	{Complaint, "on_hold|took_forever|takes_forever|taking_forever|took_ages|late_again", "kept waiting", fNoNeg, "", ""},
	{Complaint, "waited|waiting ... minutes|mins|hour|hours|ages|weeks", "kept waiting", fNoNeg, "", ""},
	{Complaint, "where's|where_is my ... order|parcel|refund|package", "asks where the order is", fNoNeg, "", ""},
	{Complaint, "any_update on", "chases the order", fNoNeg, "", ""},
	{Complaint, "my|a refund", "wants a refund", fNoNeg, "", ""},
	{Complaint, "keeps_crashing|keeps_forgetting|won't_let_me|wont_let_me|doesn't_work|not_working|is_down|is_broken", "it does not work", fNoNeg, "", ""},
	{Complaint, "come_on|seriously|what_a_joke|is_a_joke|ridiculous|fed_up|not_happy|not_worth|let_down", "is fed up", fNoNeg, "", ""},
	{Complaint, "how_hard_is_it|how_hard_can_it_be|are_you_kidding|are_you_serious", "asks rhetorically", fNoNeg, "", ""},
	{Complaint, "refused|refuse|argued", "was treated badly", fNoNeg, "", ""},
	{Complaint, "again", "it happened again", fNoNeg | fNotAsk, "", ""},
	{Complaint, "why did|does|is|are|do|has|have|would|won't|can't|isn't|doesn't|hasn't", "asks why", fNoNeg | fFirst, "", ""},
	{Complaint, "seriously|really", "asks rhetorically", fNoNeg | fAsk | fFirst, "", ""},
	{Complaint, "and_nothing|still_nothing|nothing_yet", "still nothing", fNoNeg, "", ""},
	{Complaint, "shame_about|pity_about|shame_that|pity_that", "regrets something", fNoNeg, "", ""},
	{Complaint, "too|way_too|far_too|bit_too|little_too loud|expensive|pricey|slow|cold|busy|small|sweet|bitter|strong|weak|noisy|long|much|crowded|cramped|salty|milky|dark", "says it is too much", fNoNeg, "", ""},
	{Complaint, "arrived|came|turned_up ... days|weeks late|later", "arrived late", fNoNeg, "", ""},

	// praise phrases
	{Praise, "never disappoints|misses|fails", "never disappoints", fNoNeg, "", ""},
	{Praise, "10/10|5_stars|five_stars|hits_the_spot|just_gets_it|game_changer|on_point|spot_on|chef's_kiss|worth_the_trip|worth_it", "rates us highly", 0, "", ""},
	{Praise, "props|kudos|shout_out|shoutout|hats_off|big_up", "gives props", 0, "", ""},
	{Praise, "thank_you|thanks|thank|ty|cheers", "thanks us", fNotAsk, "", "advance|nothing"},
}
