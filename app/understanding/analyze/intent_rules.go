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

// failVerbs are what products, apps and services do when they work; "won't
// …", "doesn't …", "never …" with one of them reports a failure.
const failVerbs = "work|working|load|loading|open|opening|save|saving|connect|connecting|charge|charging|start|starting|" +
	"turn_on|sync|syncing|send|sending|accept|recognise|recognize|pair|play|print|update|boil|fit|fits|stay|show|arrive|" +
	"arrived|respond|install|download|upload|scan|deliver|delivered|ring|heat|cool|drain|flush|lock|unlock|refund|refunded|" +
	"come|came|turn_up|turned_up|show_up|showed_up|reply|replied|respond|responded|answer|answered|call_back|called_back|" +
	"fix|fixed|let_me|log_in|login|sign_in|go_through|register|detect|track|count|record|match|honour|honor|" +
	"get_through|process|processed|dispense|close|hold|last|lasted|keep|run|running|stream|streaming|pick_up|picked_up"

// intentRules are the cue phrases. Order matters only for which cue is shown
// when several fire; the first that fires for an intent is reported.
var intentRules = []ruleSpec{
	// churn: leaving, cancelling, switching (the writer leaves: "you
	// cancelled my appointment" is the business cancelling, not churn)
	{Churn, "cancel|cancelling|canceling|cancelled|canceled ... subscription|sub|membership|account|order|club|contract|plan|policy|direct_debit|package|pass|premium|service|broadband|renewal", "cancels", fNoNeg, "", "you|they|your|flight|train|appointment|booking"},
	{Churn, "{i} just|have|now|finally|already|am|will|ll|'ve|'m cancel|cancelled|cancelling|canceled|canceling", "cancels", fNoNeg, "", ""},
	{Churn, "{i} cancel|cancelled|cancelling|canceled|canceling", "cancels", fNoNeg, "", ""},
	{Churn, "cancelled|canceled|cancelling", "cancels", fNoNeg | fFirst, "", "flight|train|bus|appointment|booking|class|delivery|order"},
	{Churn, "unsubscrib*", "unsubscribes", fNoNeg, "", ""},
	{Churn, "delete*|close|closing|closed ... account|accounts|app", "closes the account", fNoNeg, "", "how|can|you|your|they|branch"},
	{Churn, "switch*|switching|switched ... to|over_to|from", "switches to another", fNoNeg, "", "how|can|should|if|will|plan|tariff"},
	{Churn, "moving|move|moved|taking|took my|our|all ... business|account|accounts|miles|money|custom|broadband|contract|phone|number", "takes the business away", fNoNeg, "", "how|can|new|address|house"},
	{Churn, "porting|ported|port ... out|to|away|someone|my_number", "ports away", fNoNeg, "", "how|can|pac"},
	{Churn, "going|gone|go|went|going_straight back_to|over_to ... @rival|supermarket|tea|instant|old|cheap|cheaper|another|other|paper|streaming", "goes back to another", fNoNeg, "", "how|can"},
	{Churn, "try|trying @rival", "tries a rival", fNoNeg, "", ""},
	{Churn, "hello|hi @rival", "greets a rival", fNoNeg, "", ""},
	{Churn, "found|finding|find ... new|cheaper|better|another ... roaster|café|cafe|option|place|shop|supplier|provider|network|garage|gym|bank|dentist|company|one", "found another", fNoNeg, "", ""},
	{Churn, "elsewhere|someone_else|somewhere_else|another_provider|another_network|another_carrier|another_company", "goes elsewhere", fNoNeg | fNotAsk, "", "would|will|come|came|coming|said|says|anyone"},
	{Churn, "leaving|i'm_off|im_off|i'm_out|im_out|over_it", "leaves", fNoNeg | fFirst, "", "how|can|on|for|at|work|home|tomorrow"},
	{Churn, "{i} leaving|am_leaving", "leaves", fNoNeg, "", "how|can|on|for|at|work|home|tomorrow"},
	{Churn, "not|won't|wont|never ... renewing|renew", "does not renew", fNoNeg, "", ""},
	{Churn, "stopped|stopping|quit|quitting ... going|buying|using|ordering|after|my|the", "stops", fNoNeg, "", "how|can|working|charging|sending|loading"},
	{Churn, "not|won't|wont|never ... buying|ordering|using|flying|booking|shopping|renewing|coming|going ... again|anymore|from", "won't buy again", fNoNeg | fAngry, "", ""},
	{Churn, "sold|selling my", "sells up", fNoNeg | fFirst, "", ""},
	{Churn, "never_again", "never again", fNoNeg | fAngry, "", ""},
	{Churn, "never ... going|coming|ordering|buying|shopping|stepping|setting|visiting|returning|order|buy|go|using|use|flying|booking", "never again", fNoNeg | fAngry, "", "go_back_to"},
	{Churn, "won't|wont|will_not|not ... be ... back|returning|ordering|coming|visiting", "won't be back", fNoNeg | fAngry, "", ""},
	{Churn, "not|never ... coming|going ... back", "not coming back", fNoNeg | fAngry, "", ""},
	{Churn, "last ... time|order ... i|from", "last time", fNoNeg | fAngry, "", ""},
	{Churn, "this_was_my_last|my_last_order|the_last_money|last_penny", "last order", fNoNeg | fAngry, "", ""},
	{Churn, "done_with|that's_me_done|i'm_done|im_done|that's_it|good_riddance", "done with us", fNoNeg | fAngry, "", "post|tweet|thread"},
	{Churn, "lost_a|lost_a_loyal|you've_lost_a|you_have_lost_a ... customer", "lost a customer", fNoNeg | fAngry, "", ""},
	{Churn, "taking_my_business_elsewhere|take_my_business_elsewhere", "taking business elsewhere", fNoNeg | fAngry, "", ""},
	{Churn, "bye|goodbye|bye_bye @brand", "says goodbye", fNoNeg, "", ""},
	{Churn, "goodbye|bye", "says goodbye", fNoNeg | fNotAsk, "", "for_now|see|later"},
	{Churn, "not_any_more|not_anymore|no_longer", "no longer", fNoNeg, "", ""},
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

	{Purchase, "do|does you|u|they do|carry|make|take|run|stock|have", "asks what we sell", fBuy | fAsk, "", "refund|refunds|know|think|mean"},
	{Purchase, "come_in|coming_in|available_in|back_in|back_on|in_stock|restock|restocking|drop|dropping|launch|launching|land|landing", "asks about stock", fBuy | fAsk, "", "refund|late|missing"},
	{Purchase, "any_availability|availability|any_space|any_spaces|any_seats|any_rooms|any_tables|any_left|still_got_any|have_any_left|any_slots", "asks about availability", fBuy | fAsk, "", ""},
	{Purchase, "how_much to", "asks the price", fBuy | fAsk, "", ""},
	{Purchase, "offer|offers|deal|deals|sale|black_friday|rate|rates|fare|fares|quote|price_match|trade-in|trade_in|part_exchange|finance", "asks for a deal", fBuy | fAsk, "", "why|charged|refund"},
	{Purchase, "signing_up|sign_up|signed_up_for|upgrading|upgrade_to|joining|renewing|topping_up", "signs up", fBuy | fNotAsk, "", "how|cancel|can't|cannot|won't"},
	{Purchase, "need|want ... ticket|tickets|room|a_room|table|quote|them|one", "wants to buy", fNotAsk, "", "refund|back|fixed|replaced"},
	{Purchase, "{i} getting|buying|ordering|grabbing|booking ... the|a|one|two|some|it", "plans to buy", fNotAsk, "", ""},
	{Purchase, "finally_mine|will_be_mine|are_finally_mine|is_finally_mine", "plans to buy", fBuy, "", ""},
	{Purchase, "can|could|would you order|get|reserve|hold|put_aside|save|keep", "asks to order", fBuy | fAsk, "", "refund|back|fix|help"},

	// buy: shopping for something, from us or anyone
	{Buy, "or_stick_with|or_wait|or_should_i|or_just_buy|or_just_get|which_is_better|which_one|which_would_you", "compares what to buy", fAsk, "", ""},
	{Buy, "worth_it|worth_the_money|worth_buying|worth_upgrading|worth_the_upgrade|any_good|good_value|value_for_money", "asks if it is worth buying", fAsk, "", ""},
	{Buy, "best|cheapest|good|decent ... for|under|around|deal|plan|network|app|option|value", "asks what to buy", fAsk, "", "time|way|how"},
	{Buy, "anyone|has_anyone|have_you|has_anybody ... used|tried|got|bought", "asks before buying", fAsk, "", ""},
	{Buy, "thinking_of|thinking_about|looking_at|in_the_market_for|shopping_for|saving_for|deciding_between|torn_between|tempted_by", "shops around", 0, "", "cancelling|leaving|switching_from"},
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
	{Go, "open|opens|shut|shuts|close|closes|closed ... til|till|until|on|at|late|early|{day}", "asks opening hours", fAsk, "", "account|ticket|case|app"},
	{Go, "still_open|open_to|open_for", "asks if open", fAsk, "", "account|ticket|case"},
	{Go, "wheelchair|accessible|step-free|step_free|lift|toilets|changing_room|changing_rooms|lockers|showers|cash_machine|baby_changing|highchairs|high_chairs|car_park", "checks the place", fAsk, "", ""},
	{Go, "table|room|rooms|seats|space|spaces|slot|slots|appointment|appointments ... for|left|available|free|tonight|tomorrow|{day}", "asks for a place", fAsk, "", "cancel|cancelled|refund|charged"},
	{Go, "book|booking|booked|reserve|reserved ... table|room|appointment|slot|session|class|test_drive|viewing|stay|trip|cabin|nights|night|weekend|tickets|ticket|tour|holiday|flight", "books a visit", 0, "", "cancel|cancelled|refund|charged|how|change"},
	{Go, "off_to|going_to|heading_to|headed_to|finally_going|trip_to|day_out_at|see_you_there|coming_in|come_in|walk_ins|walk-ins|walk-in|walk_in|pop_in|popping_in|drop_in", "plans a visit", fNotAsk, "", "stop|cancel|never|switch"},
	{Go, "appointment|appt at|on|tomorrow|today|tonight|{day}", "has an appointment", fNotAsk, "", "cancel|cancelled|missed|late|waited|waiting"},
	{Go, "visit|visiting|come|go ... in_person|before_work|after_work|this_weekend|tomorrow", "plans a visit", 0, "", "never|won't|not"},

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
	{Complaint, "no|zero response|reply|answer|apology|apologies|refund|refunds|aroma|one_can|way_to|info|information|update|updates|explanation|communication|notice|warning|callback", "no answer", fNoNeg, "", "if|problem|problems|issues|worries"},
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
	{
		Complaint, "won't|wont|doesn't|doesnt|didn't|didnt|can't|cant|cannot|isn't|isnt|wasn't|wasnt|aren't|couldn't|wouldn't|hasn't|haven't|never|not ... " + failVerbs,
		"says it fails", fNoNeg, "", "wait|how|recommend|believe|decide|remember",
	},
	{Complaint, "keeps|kept|keep ... crashing|dropping|freezing|logging|cutting|restarting|disconnecting|buffering|failing|declining|rejecting|charging_me|asking|losing|deleting|resetting|switching_off|turning_off|shutting|beeping|overheating|breaking|jamming|leaking|getting_worse", "keeps failing", fNoNeg, "", "how"},
	{Complaint, "stopped working|charging|syncing|loading|connecting|responding|turning_on", "stopped working", fNoNeg, "", ""},
	{Complaint, "logs|logged|logging|kicks|kicked|kicking|locked|locking me out", "shuts them out", fNoNeg, "", ""},
	{Complaint, "broke_down|broken_down|fell_apart|falling_apart|came_apart|gave_up|died_on_me|packed_in|packed_up", "it broke", fNoNeg, "", ""},
	{Complaint, "ordered|asked_for|paid_for|booked|requested ... and_got|but_got|and_received|but_received|got_sent|and_they_sent|instead", "got the wrong thing", fNoNeg, "", ""},
	{Complaint, "charged|billed|charging|billing ... twice|double|two|again|extra|without", "charged wrongly", fNoNeg, "", "how|will|would|if"},
	{Complaint, "no|without ... signal|internet|water|power|wifi|broadband|heating|hot_water|reception|connection|coverage|service", "is cut off", fNoNeg | fNotAsk, "", "if|does|do|will"},
	{Complaint, "piece_of junk|crap|garbage|rubbish|trash|shit", "insults it", fNoNeg, "", ""},
	{Complaint, "what's_the_point|whats_the_point|make_it_make_sense|you_had_one_job|who_designed_this|do_better|sort_it_out|sort_this_out|sort_yourselves_out|get_it_together|not_good_enough|ripped_off|rip_off|daylight_robbery", "vents", fNoNeg, "", ""},
	{Complaint, "nobody|no_one|noone ... came|showed|turned_up|called|rang|answered|replied|got_back", "nobody came", fNoNeg, "", ""},
	{Complaint, "still no|not|hasn't|hasnt|isn't|isnt|haven't|doesn't|doesnt|won't|can't|nothing", "still not", fNoNeg, "", ""},

	// praise phrases
	{Praise, "never disappoints|misses|fails", "never disappoints", fNoNeg, "", ""},
	{Praise, "10/10|5_stars|five_stars|hits_the_spot|just_gets_it|game_changer|on_point|spot_on|chef's_kiss|worth_the_trip|worth_it", "rates us highly", 0, "", ""},
	{Praise, "props|kudos|shout_out|shoutout|hats_off|big_up", "gives props", 0, "", ""},
	{Praise, "thank_you|thanks|thank|ty|cheers", "thanks us", fNotAsk, "", "advance|nothing"},
}
