package analyze

// firstNames are common given names, written by hand for this package
// (English-speaking countries plus frequent names of many origins). They
// are used only in name contexts — a capitalised name before a capitalised
// surname ("Kim Park"), after a greeting or thanks ("thanks Joy"), before
// "from/at/in" and a team ("Luis at the café") — never on their own, so
// "hope", "will" or "grace" as words are untouched.
var firstNames = setOf(`
	aaron abby abdul adam adrian ahmed aisha aj al alan albert alex alexa alexis ali alice alicia alison amanda amber
	amelia amir amy ana andre andrea andrew andy angela angel angie ann anna anne annie anthony antonio april archie
	arjun art arthur ash ashley aubrey austin ava barbara barry beau becky bella ben beth betty bill billy blake bob
	bobby brad brandon brenda brian bridget brooke bruce bryan caleb callum cameron carl carla carlos carmen carol
	caroline carter casey cash cat catherine charles charlie charlotte chase chelsea chen cheryl chloe chris christian
	christina christine chuck cindy claire clara colin connor craig crystal dan dana daniel danielle danny dave david
	dawn dean debbie deborah dee denise dennis derek destiny devon diana diane diego dom dominic don donna doug drew
	dylan ed eddie edward elena eli elijah elizabeth ella ellie emily emma eric erica erin ethan eva evan faith farah
	fatima felix fiona frances frank fred freddie gabriel gary gavin george georgia gina grace graham grant greg
	hailey hannah harper harry harvey hassan hayley heather helen henry holly hope hunter ian imran isaac isabel
	isabella ivan jack jackie jacob jade jake james jamie jan jane janet jason jay jaz jean jeff jen jenna jennifer
	jenny jeremy jess jessica jill jim jimmy jo joan joanna joe joel john johnny jon jonathan jordan jose joseph josh
	joy joyce juan julia julian julie june justin kai kara karen kate katie kay kayla keith kelly ken kevin kim
	kirsty kyle lara laura lauren leah lee leo leon liam lily linda lisa liz logan lola lorna louis louise lucas lucy
	luis luke lydia maddie maggie malik marco margaret maria marie mark martin mary matt matthew max maya megan mel
	melissa mia michael michelle mike miles mohammed molly monica morgan nadia nancy naomi nat natalie nathan neil
	nick nicole nina noah noor oliver olivia omar oscar owen paige pam pat patricia patrick paul paula pedro penny
	pete peter phil philip priya rachel raj ralph ray rebecca rhys rich richard rick rita rob robert robin rohan ron
	rosa rose ross roy ruby russ ruth ryan sally sam samantha sandra sara sarah scott sean shane sharon shaun sheila
	simon sophia sophie stacey stan stella steph stephanie steve steven stuart sue sunny susan tanya tara ted terry
	tess theo thomas tim tina toby todd tom tommy tony tracy trevor troy tyler val vanessa vicky victor victoria
	vince wanda wayne wendy will william yasmin yusuf zach zara zoe`)

// nameBefore are words after which a capitalised first name is a person:
// "thanks Joy", "ask for Will", "shout-out to Grace".
var nameBefore = setOf(`hi hey hello dear thanks thank thx cheers ask asked for to with by from spoke talked
	chatted shoutout shout-out props kudos`)

// nameAfter are words before which a capitalised first name is a person:
// "Luis at the café", "Kim from support", "Jaz in sales".
var nameAfter = setOf(`at from in on was is fixed sorted helped said told replied answered called emailed
	remembered went`)

// valedictions close a message; with a name after them they are a signature.
var valedictions = setOf(`thanks thank thx ty cheers regards best sincerely yours love xo xx warmly
	respectfully`)
